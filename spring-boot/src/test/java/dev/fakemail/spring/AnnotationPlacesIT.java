package dev.fakemail.spring;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.examples.signup.SignupApplication;
import dev.fakemail.spring.examples.signup.SignupService;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A team's own annotation carrying {@code @EnableFakeMail}, a {@code @Nested} class using the
 * enclosing class's server, and the reset running before {@code @BeforeEach}.
 */
@OurMail
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnnotationPlacesIT {
  @Autowired
  FakeMailServer mail;

  @Autowired
  SignupService signup;

  @BeforeEach
  void oneMailBeforeEachTest() throws Exception {
    signup.signUp("setup@corp.test");
    mail.awaitMessages(to("setup@corp.test"), 1, Duration.ofSeconds(10));
  }

  @Test
  void theMetaAnnotationsSettingsApply() {
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP, Listener.IMAP);
  }

  @Test
  void theResetRanBeforeBeforeEachNotAfter() {
    assertThat(mail.messages(to("setup@corp.test"))).hasSize(1);
  }

  @Nested
  class Inner {
    @Autowired
    FakeMailServer innerMail;

    @Test
    void theNestedClassSharesTheEnclosingServer() {
      assertThat(innerMail).isSameAs(mail);
      assertThat(innerMail.messages(to("setup@corp.test"))).as("emptied, then the @BeforeEach mail").hasSize(1);
    }
  }
}

@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SignupApplication.class)
@EnableFakeMail(listeners = {Listener.SMTP, Listener.IMAP})
@interface OurMail {
}
