package dev.fakemail.junit5.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.junit5.FakeMail;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@FakeMail
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignupIT {
  SignupService app = new SignupService();

  @Test
  void sendsWelcome(FakeMailServer mail) throws Exception {
    app.signUp("bob@example.test", "127.0.0.1", mail.smtpPort());

    ReceivedMessage m = mail.awaitMessage(to("bob@example.test"));
    assertEquals("Welcome", m.subject());
    assertTrue(m.text().contains("/confirm?token="));
  }
}
