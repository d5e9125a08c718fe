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
 * A mailbox of 10,000 messages: fetching or retrieving one message does not walk the folder. Over
 * sockets the time is dominated by the machine's load, so the test compares it with the same
 * command on a mailbox of 100, in interleaved rounds; the server-side cost alone is measured
 * (against the 1 ms target) by {@code LargeFolderLookupTest}.
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
      store.add(ReceivedMessage.of(store.nextId(), Instant.now(), Envelope.of("a@app.test", List.of(to)), s, raw));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchingOneMessageOfTenThousandOverImapCostsNoMoreThanOneOfAHundred() throws Exception {
    try (Conversation big = imap(BOB); Conversation small = imap(CAROL)) {
      SplittableRandom random = new SplittableRandom(1);
      long bigNanos = 0;
      long smallNanos = 0;
      for (int i = 0; i < 100 + ROUNDS; i++) {
        long t0 = System.nanoTime();
        fetch(big, random.nextInt(1, MESSAGES + 1));
        long t1 = System.nanoTime();
        fetch(small, random.nextInt(1, FEW + 1));
        long t2 = System.nanoTime();
        if (i >= 100) { // after warm-up
          bigNanos += t1 - t0;
          smallNanos += t2 - t1;
        }
      }
      double bigMs = bigNanos / 1e6 / ROUNDS;
      double smallMs = smallNanos / 1e6 / ROUNDS;
      System.out.printf("IMAP UID FETCH of one message: %.3f ms in %,d, %.3f ms in %d%n", bigMs, MESSAGES, smallMs, FEW);
      assertThat(bigMs).isLessThan(smallMs * 2 + 1.0);
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
  void retrievingOneMessageOfTenThousandOverPop3CostsNoMoreThanOneOfAHundred() throws Exception {
    try (Conversation big = pop3(BOB); Conversation small = pop3(CAROL)) {
      big.send("STAT").expect("+OK " + MESSAGES + " ");
      SplittableRandom random = new SplittableRandom(2);
      long bigNanos = 0;
      long smallNanos = 0;
      for (int i = 0; i < 100 + ROUNDS; i++) {
        long t0 = System.nanoTime();
        big.send("RETR " + random.nextInt(1, MESSAGES + 1)).expect("+OK");
        big.dotBody();
        long t1 = System.nanoTime();
        small.send("RETR " + random.nextInt(1, FEW + 1)).expect("+OK");
        small.dotBody();
        long t2 = System.nanoTime();
        if (i >= 100) {
          bigNanos += t1 - t0;
          smallNanos += t2 - t1;
        }
      }
      double bigMs = bigNanos / 1e6 / ROUNDS;
      double smallMs = smallNanos / 1e6 / ROUNDS;
      System.out.printf("POP3 RETR of one message: %.3f ms in %,d, %.3f ms in %d%n", bigMs, MESSAGES, smallMs, FEW);
      assertThat(bigMs).isLessThan(smallMs * 2 + 1.0);
    }
  }
}
