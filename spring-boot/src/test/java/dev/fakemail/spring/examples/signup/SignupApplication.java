package dev.fakemail.spring.examples.signup;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application that welcomes new users by mail (spring-boot-starter-mail's JavaMailSender). */
@SpringBootApplication
public class SignupApplication {
}
