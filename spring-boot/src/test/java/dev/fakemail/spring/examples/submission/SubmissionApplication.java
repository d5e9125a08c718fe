package dev.fakemail.spring.examples.submission;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application configured as in production: port 587 with STARTTLS required, AUTH with its own
 * account. Here every one of those settings comes from {@code @EnableFakeMail(use = SUBMISSION)}.
 */
@SpringBootApplication
public class SubmissionApplication {
}
