package dev.fakemail.core.interop;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.support.Conversation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mailbox of 10,000 messages beside one of 100, read in interleaved rounds over real sockets:
 * every IMAP UID FETCH and POP3 RETR lands on the right message. How the cost grows with the
 * mailbox is measured by {@code MailboxReadBenchmark} (benchmarks module), not asserted here.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeMailboxIT {
  private static final String BOB = "bob@example.test";
  private static final String CAROL = "carol@example.test";
  private static final int FEW = 100;
  private static final int MESSAGES = 10_000;
  private static final int ROUNDS = 500;
  private FakeMailServer server;

  @BeforeEach
  void fill() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.POP3, Listener.IMAP).start();
    MessageStore store = ServerInternals.of(server).store();
    SessionInfo s = new SessionInfo("smtp-0", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");
    String body = "x".repeat(70) + "\r\n";
    for (int i = 0; i < MESSAGES + FEW; i++) {
      byte[] raw = ("Subject: message " + i + "\r\n\r\n" + body.repeat(12)).getBytes(StandardCharsets.US_ASCII);
      String to = i < MESSAGES ? BOB : CAROL;
      store.add(dev.fakemail.core.internal.CoreAccess.get().message(store.nextId(), Instant.now(), Envelope.of("a@app.test", List.of(to)), s, raw, null));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anyMessageOfTenThousandIsFetchedOverImapBesideASmallMailbox() throws Exception {
    try (Conversation big = imap(BOB); Conversation small = imap(CAROL)) {
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < ROUNDS; i++) {
        fetch(big, random.nextInt(1, MESSAGES + 1));
        fetch(small, random.nextInt(1, FEW + 1));
      }
    }
  }

  private Conversation imap(String user) throws Exception {
    Conversation c = Conversation.open(server.host(), server.imapPort());
    c.expect("* OK");
    c.send("1 LOGIN " + user + " x").expect("1 OK");
    c.send("2 SELECT INBOX").until("2 OK");
    return c;
  }

  private static void fetch(Conversation c, int uid) throws Exception {
    c.send("f UID FETCH " + uid + " (UID RFC822.SIZE BODY.PEEK[])").expect("* " + uid + " FETCH (UID " + uid);
    c.until("f OK");
  }

  private Conversation pop3(String user) throws Exception {
    Conversation c = Conversation.open(server.host(), server.pop3Port());
    c.expect("+OK");
    c.send("USER " + user).expect("+OK");
    c.send("PASS x").expect("+OK");
    return c;
  }

  @Test
  void anyMessageOfTenThousandIsRetrievedOverPop3BesideASmallMailbox() throws Exception {
    try (Conversation big = pop3(BOB); Conversation small = pop3(CAROL)) {
      big.send("STAT").expect("+OK " + MESSAGES + " ");
      SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < ROUNDS; i++) {
        int n = random.nextInt(1, MESSAGES + 1);
        big.send("RETR " + n).expect("+OK");
        assertThat(big.dotBody()).contains("Subject: message " + (n - 1));
        int m = random.nextInt(1, FEW + 1);
        small.send("RETR " + m).expect("+OK");
        assertThat(small.dotBody()).contains("Subject: message " + (MESSAGES + m - 1));
      }
    }
  }
}
