package dev.fakemail.core.internal.store;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One memory budget for everything a client can make the server keep: new recipients past the
 * mailbox cap or the budget get {@code 452 4.3.1} at RCPT, a message that outgrows the budget while
 * it arrives gets {@code 452 4.3.1} at its end, an APPEND past it {@code NO [OVERQUOTA]} before its
 * literal is read, a CREATE past the folder cap {@code NO [LIMIT]}; and what leaves gives its charge back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemoryBudgetIT {
  private static FakeMailConfig.Builder smtpAndImap() {
    return FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP);
  }

  private static Conversation smtp(FakeMailServer server) throws Exception {
    Conversation c = Conversation.open(server.host(), server.smtpPort());
    c.expect("220 ");
    c.send("EHLO client.test").until("250 ");
    return c;
  }

  private static Conversation imap(FakeMailServer server, String user) throws Exception {
    Conversation c = Conversation.open(server.host(), server.imapPort());
    c.expect("* OK");
    c.send("a LOGIN " + user + " x").until("a OK");
    return c;
  }

  @Test
  void aNewRecipientPastTheMailboxCapGets452AndKnownOnesStillPass() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxMailboxes(2).start(); Conversation c = smtp(server)) {
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<one@y.test>").expect("250 ");
      c.send("RCPT TO:<two@y.test>").expect("250 ");
      c.send("RCPT TO:<three@y.test>").expect("452 4.3.1");
      c.send("RCPT TO:<ONE@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      c.send("Subject: kept").send("").send(".").expect("250 ");
      assertThat(server.messages(MessageFilter.to("one@y.test"))).hasSize(1);
      assertThat(ServerInternals.of(server).mailboxes().count()).isEqualTo(2);
    }
  }

  @Test
  void newRecipientsPastTheMemoryBudgetGet452AtRcpt() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxStoreBytes(10_000).start(); Conversation c = smtp(server)) {
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      for (int i = 0; i < 4; i++) { // 4 × 2,400 fit in 10,000
        c.send("RCPT TO:<r" + i + "@y.test>").expect("250 ");
      }
      c.send("RCPT TO:<r4@y.test>").expect("452 4.3.1");
      assertThat(ServerInternals.of(server).memory().used()).isEqualTo(4L * MemoryAccount.MAILBOX_OVERHEAD);
    }
  }

  @Test
  void aMessageThatOutgrowsTheBudgetWhileArrivingGets452AndGivesItsChargeBack() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxStoreBytes(100_000).start(); Conversation c = smtp(server)) {
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<big@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      String line = "x".repeat(98) + "\r\n";
      c.sendRaw(("Subject: big\r\n\r\n" + line.repeat(2000) + ".\r\n").getBytes(StandardCharsets.US_ASCII));
      c.expect("452 4.3.1");
      assertThat(ServerInternals.of(server).memory().used()).as("only the mailbox stays charged").isEqualTo(MemoryAccount.MAILBOX_OVERHEAD);
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<big@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      c.send("Subject: small").send("").send(".").expect("250 ");
      assertThat(server.messages(MessageFilter.any())).hasSize(1);
    }
  }

  @Test
  void appendPastTheBudgetIsRefusedBeforeItsLiteralIsReadAndTheSessionGoesOn() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxStoreBytes(64 * 1024).start();
         Conversation c = imap(server, "bob@example.test")) {
      c.send("b APPEND INBOX {100000}").expect("b NO [OVERQUOTA]"); // no "+": the client never sends it
      c.send("c APPEND INBOX {100000+}");
      c.sendRaw(("x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII)); // LITERAL+: read and dropped
      c.expect("c NO [OVERQUOTA]");
      c.send("d NOOP").expect("d OK");
      c.send("e APPEND INBOX {26}").expect("+ ");
      c.send("Subject: appended\r\n\r\nhi\r\n").expect("e OK [APPENDUID");
      long used = ServerInternals.of(server).memory().used();
      assertThat(used).isEqualTo(MemoryAccount.MAILBOX_OVERHEAD + 26 + MemoryAccount.FOLDER_ENTRY_OVERHEAD);
      c.send("f SELECT INBOX").until("f OK");
      c.send("g COPY 1 Sent").expect("g OK");
      assertThat(ServerInternals.of(server).memory().used()).isEqualTo(used + 26 + MemoryAccount.FOLDER_ENTRY_OVERHEAD);
      c.send("h STORE 1 +FLAGS (\\Deleted)").until("h OK");
      c.send("i EXPUNGE").until("i OK");
      c.send("j DELETE Sent").expect("j OK");
      assertThat(ServerInternals.of(server).memory().used()).as("the appended message and its copy gave their charge back")
          .isEqualTo(MemoryAccount.MAILBOX_OVERHEAD);
    }
  }

  @Test
  void createPastTheFolderCapGetsNoLimit() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxFolders(7).start(); Conversation c = imap(server, "bob@example.test")) {
      c.send("b CREATE Projects/2026").expect("b OK"); // two folders: Projects and Projects/2026
      c.send("c CREATE Archive").expect("c NO [LIMIT]");
      c.send("d DELETE Projects/2026").expect("d OK");
      c.send("e CREATE Archive").expect("e OK");
    }
  }

  @Test
  void resetGivesEveryChargeBack() throws Exception {
    try (FakeMailServer server = smtpAndImap().start(); Conversation c = smtp(server)) {
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<one@y.test>").expect("250 ");
      c.send("RCPT TO:<two@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      c.send("Subject: one").send("").send(".").expect("250 ");
      try (Conversation i = imap(server, "one@y.test")) {
        i.send("b CREATE Folder").expect("b OK");
      }
      assertThat(ServerInternals.of(server).memory().used()).isPositive();
      server.reset();
      assertThat(ServerInternals.of(server).memory().used()).isZero();
    }
  }

  @Test
  void aLoginThatWouldMakeAMailboxPastTheCapIsRefusedForNow() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.IMAP, Listener.POP3).maxMailboxes(1).start();
         Conversation first = imap(server, "one@example.test");
         Conversation second = Conversation.open(server.host(), server.imapPort());
         Conversation pop3 = Conversation.open(server.host(), server.pop3Port())) {
      second.expect("* OK");
      second.send("a LOGIN two@example.test x").expect("a NO [UNAVAILABLE]");
      second.send("b LOGIN one@example.test x").expect("b OK");
      pop3.expect("+OK");
      pop3.send("USER three@example.test").expect("+OK");
      pop3.send("PASS x").expect("-ERR [SYS/TEMP]");
      assertThat(ServerInternals.of(server).mailboxes().count()).isEqualTo(1);
    }
  }

  @Test
  void bdatAndDataOnASessionThreadAreChargedAsTheyArriveToo() throws Exception {
    try (FakeMailServer server = smtpAndImap().maxStoreBytes(100_000).start(); Conversation c = smtp(server)) {
      String chunk = "x".repeat(60_000);
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<big@y.test>").expect("250 ");
      c.send("BDAT 60000").sendRaw(chunk.getBytes(StandardCharsets.US_ASCII)).expect("250 ");
      c.send("BDAT 60000 LAST").sendRaw(chunk.getBytes(StandardCharsets.US_ASCII)).expect("452 4.3.1");
      assertThat(ServerInternals.of(server).memory().used()).isEqualTo(MemoryAccount.MAILBOX_OVERHEAD);
      // AUTH moves the session to a thread of its own: DATA there is charged the same way
      c.send("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString("\0a@x.test\0pw".getBytes(StandardCharsets.US_ASCII)))
          .expect("235 ");
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<big@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      c.sendRaw(("Subject: big\r\n\r\n" + ("y".repeat(98) + "\r\n").repeat(2000) + ".\r\n").getBytes(StandardCharsets.US_ASCII));
      c.expect("452 4.3.1");
      c.send("MAIL FROM:<a@x.test>").expect("250 ");
      c.send("RCPT TO:<big@y.test>").expect("250 ");
      c.send("DATA").expect("354 ");
      c.send("Subject: small").send("").send(".").expect("250 ");
      assertThat(ServerInternals.of(server).memory().used()).isLessThan(MemoryAccount.MAILBOX_OVERHEAD + 2_000);
    }
  }

  @Test
  void aConnectionThatDropsInTheMiddleOfAMessageGivesItsChargeBack() throws Exception {
    try (FakeMailServer server = smtpAndImap().start()) {
      long base;
      try (Conversation c = smtp(server)) {
        c.send("MAIL FROM:<a@x.test>").expect("250 ");
        c.send("RCPT TO:<one@y.test>").expect("250 ");
        base = ServerInternals.of(server).memory().used();
        c.send("BDAT 30000").sendRaw("z".repeat(30_000).getBytes(StandardCharsets.US_ASCII)).expect("250 ");
        assertThat(ServerInternals.of(server).memory().used()).isGreaterThan(base);
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> ServerInternals.of(server).memory().used() == base);
      try (Conversation c = smtp(server)) {
        c.send("MAIL FROM:<a@x.test>").expect("250 ");
        c.send("RCPT TO:<one@y.test>").expect("250 ");
        c.send("DATA").expect("354 ");
        c.sendRaw("z".repeat(30_000).getBytes(StandardCharsets.US_ASCII));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
            .until(() -> ServerInternals.of(server).memory().used() > base);
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> ServerInternals.of(server).memory().used() == base);
    }
  }
}
