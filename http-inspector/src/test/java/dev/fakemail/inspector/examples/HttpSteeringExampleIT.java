package dev.fakemail.inspector.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Faults;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.client.FakeMailClient;
import jakarta.mail.SendFailedException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's example of steering a remote server: a fault rule and a declared user over HTTP. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpSteeringExampleIT {

  @Test
  void applicationSeesAFullMailboxUntilTheRuleIsCleared() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      FakeMailClient remote = FakeMailClient.connect(http.baseUri());
      remote.addUser("bob@example.test", "secret");               // strict mode: only bob receives mail
      remote.faults().add(Faults.mailboxFull("bob@example.test")); // RCPT TO:<bob> gets 452 4.2.2

      assertThatThrownBy(() -> HttpInspectorExampleIT.sendWelcome("bob@example.test", mail.host(), mail.smtpPort()))
          .isInstanceOf(SendFailedException.class)
          .hasStackTraceContaining("452 4.2.2 Mailbox full");

      remote.faults().clear();
      HttpInspectorExampleIT.sendWelcome("bob@example.test", mail.host(), mail.smtpPort());
      assertThat(remote.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Welcome");
    }
  }
}
