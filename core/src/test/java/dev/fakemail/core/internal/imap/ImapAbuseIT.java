package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import dev.fakemail.core.support.Mailer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile IMAP input: commands before login, deeply nested parentheses, huge sequence sets. Each
 * gets a tagged BAD (or NO) and the session goes on; nothing overflows the stack.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapAbuseIT {
  private static final String BOB = "bob@example.test";
  private static FakeMailServer server;

  @BeforeAll
  static void start() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP).maxErrors(1000).start();
    for (int i = 0; i < 3; i++) {
      Mailer.send(server, BOB, "Message " + i, "Body " + i);
    }
    server.awaitMessages(MessageFilter.to(BOB), 3);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Conversation selected() throws Exception {
    Conversation c = Conversation.open(server.host(), server.imapPort());
    c.expect("* OK");
    c.send("a LOGIN " + BOB + " x").expect("a OK");
    c.send("b SELECT INBOX").until("b OK");
    return c;
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT INBOX", "EXAMINE INBOX", "CREATE x", "DELETE x", "RENAME x y", "SUBSCRIBE x",
      "UNSUBSCRIBE x", "LIST \"\" *", "LSUB \"\" *", "STATUS INBOX (MESSAGES)", "APPEND INBOX {1+}\r\nx", "IDLE",
      "NAMESPACE", "ENABLE CONDSTORE", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "SEARCH ALL", "FETCH 1 FLAGS",
      "STORE 1 +FLAGS (\\Seen)", "COPY 1 INBOX", "MOVE 1 INBOX", "UID FETCH 1 FLAGS", "UID SEARCH ALL"})
  void commandsBeforeLoginGetBadOrNoAndTheSessionGoesOn(String command) throws Exception {
    try (Conversation c = Conversation.open(server.host(), server.imapPort())) {
      c.expect("* OK");
      c.sendRaw(("t " + command + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      List<String> reply = c.until("t ");
      assertThat(reply.get(reply.size() - 1)).matches("t (BAD|NO) .*");
      assertThat(reply).noneMatch(l -> l.startsWith("* ") && !l.startsWith("* BAD"));
      c.send("u CAPABILITY").until("u OK");
    }
  }

  @Test
  void tenThousandNestedParenthesesInSearchGetBad() throws Exception {
    try (Conversation c = selected()) {
      c.send("t SEARCH " + "(".repeat(10_000) + "ALL" + ")".repeat(10_000));
      assertThat(c.until("t ")).last().asString().startsWith("t BAD");
      c.send("u NOOP").until("u OK");
    }
  }

  @Test
  void tenThousandNestedNotsInSearchGetBad() throws Exception {
    try (Conversation c = selected()) {
      c.send("t SEARCH " + "NOT ".repeat(10_000) + "ALL");
      assertThat(c.until("t ")).last().asString().startsWith("t BAD");
      c.send("u NOOP").until("u OK");
    }
  }

  @Test
  void tenThousandNestedParenthesesInFetchAndStoreGetBad() throws Exception {
    try (Conversation c = selected()) {
      c.send("t FETCH 1 " + "(".repeat(10_000) + "FLAGS" + ")".repeat(10_000));
      assertThat(c.until("t ")).last().asString().startsWith("t BAD");
      c.send("t2 STORE 1 +FLAGS " + "(".repeat(10_000) + "\\Seen" + ")".repeat(10_000));
      assertThat(c.until("t2 ")).last().asString().startsWith("t2 BAD");
      c.send("t3 APPEND INBOX " + "(".repeat(10_000) + " {1+}\r\nx");
      assertThat(c.until("t3 ")).last().asString().matches("t3 (BAD|NO) .*");
      c.send("u NOOP").until("u OK");
    }
  }

  @Test
  void aHugeSequenceSetIsAnsweredPromptly() throws Exception {
    try (Conversation c = selected()) {
      String many = "1:3,".repeat(12_000) + "2";
      c.send("t FETCH " + many + " FLAGS");
      List<String> fetched = c.until("t ");
      assertThat(fetched).last().asString().startsWith("t OK");
      assertThat(fetched).filteredOn(l -> l.startsWith("* ")).hasSize(3);
      c.send("t2 UID FETCH 1:4294967295," + "1:*,".repeat(10_000) + "* FLAGS");
      assertThat(c.until("t2 ")).last().asString().startsWith("t2 OK");
      c.send("t3 SEARCH " + "1:3,".repeat(12_000) + "2");
      assertThat(c.until("t3 ")).last().asString().startsWith("t3 OK");
      c.send("t4 FETCH 1:99999999999 FLAGS");
      assertThat(c.until("t4 ")).last().asString().startsWith("t4 BAD");
      c.send("t5 FETCH " + "9".repeat(60_000) + " FLAGS");
      assertThat(c.until("t5 ")).last().asString().startsWith("t5 BAD");
      c.send("u NOOP").until("u OK");
    }
  }
}
