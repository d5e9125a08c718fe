package dev.fakemail.junit5.examples;

import static dev.fakemail.core.MessageFilter.to;
import static dev.fakemail.core.assertions.MailAssertions.assertThatMail;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.junit5.FakeMail;
import dev.fakemail.junit5.SmtpPort;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@FakeMail
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AssertionsExampleIT {
  SignupService app = new SignupService();

  @Test
  void welcomeGoesToTheNewUserOnly(FakeMailServer mail, @SmtpPort int smtpPort) throws Exception {
    app.signUp("bob@example.test", "127.0.0.1", smtpPort);
    mail.awaitMessage(to("bob@example.test"));

    assertThatMail(mail).hasMessageTo("bob@example.test")
        .withSubject("Welcome")
        .withBodyContaining("/confirm?token=")
        .hasCount(1);
    mail.assertNoMessages(to("admin@example.test"), Duration.ofMillis(200));
  }
}
