package dev.fakemail.core.internal.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import dev.fakemail.core.support.Mailer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every TRANSACTION-state command sent in the AUTHORIZATION state gets -ERR and reveals nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Pop3BeforeLoginIT {
  private static final String BOB = "bob@example.test";
  private static FakeMailServer server;

  @BeforeAll
  static void start() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3).maxErrors(1000).start();
    Mailer.send(server, BOB, "Secret subject", "Secret body");
    server.awaitMessage(MessageFilter.to(BOB));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"STAT", "LIST", "LIST 1", "RETR 1", "DELE 1", "TOP 1 10", "UIDL", "UIDL 1", "NOOP", "RSET", "LAST", "PASS x"})
  void transactionCommandsBeforeLoginGetErr(String command) throws Exception {
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send(command);
      assertThat(c.line()).startsWith("-ERR").doesNotContain("Secret");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS x").expect("+OK");
      c.send("STAT").expect("+OK 1 ");
      c.send("QUIT").expect("+OK");
    }
  }
}
