package dev.fakemail.junit5.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.junit5.FakeMailExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConfiguredInCodeIT {
  @RegisterExtension
  static FakeMailExtension mail = FakeMailExtension.builder()
      .listeners(Listener.SMTP, Listener.SUBMISSION)
      .user("bob@example.test", "secret")
      .build();

  SignupService app = new SignupService();

  @Test
  void sendsWelcome() throws Exception {
    app.signUp("bob@example.test", "127.0.0.1", mail.server().smtpPort());

    ReceivedMessage m = mail.server().awaitMessage(to("bob@example.test"));
    assertEquals("Welcome", m.subject());
  }
}
