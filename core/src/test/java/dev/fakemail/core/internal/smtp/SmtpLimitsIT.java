package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits over a raw socket: line length, errors, idle time, connections, message size, store cap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpLimitsIT {

  private static FakeMailConfig.Builder smtpOnly() {
    return FakeMailServer.builder().listeners(Listener.SMTP);
  }

  private static SmtpConversation connect(FakeMailServer server) {
    return SmtpConversation.connect(server.host(), server.smtpPort());
  }

  private static void sendMessage(SmtpConversation smtp, String body, String expectedReply) {
    smtp.sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ")
        .sendRaw(body + ".\r\n").expect(expectedReply);
  }

  @Test
  void overLongCommandLineGets500AndTheSessionContinues() {
    try (FakeMailServer server = smtpOnly().start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo();
      smtp.sendExpect("NOOP " + "x".repeat(20_000), "500 5.5.2 Line too long");
      smtp.sendExpect("MAIL FROM:<" + "a".repeat(3000) + "@x.test>", "500 5.5.2 Line too long");
      smtp.sendExpect("NOOP " + "x".repeat(SmtpConfig.MAX_COMMAND_LINE - 5), "250 2.0.0 Ok");
      sendMessage(smtp, "Subject: after\r\n\r\nstill here\r\n", "250 ");
      assertThat(server.messages(MessageFilter.any())).hasSize(1);
    }
  }

  @Test
  void tooManyErrorsGet421AndTheConnectionIsClosed() {
    try (FakeMailServer server = smtpOnly().maxErrors(10).start(); SmtpConversation smtp = connect(server)) {
      smtp.expect("220 ");
      smtp.sendRaw("BOGUS\r\n".repeat(12));
      for (int i = 0; i < 10; i++) {
        smtp.expect("500 5.5.1");
      }
      smtp.expect("421 4.7.0 Too many errors");
      smtp.expectClosed();
      await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().get(0).ended().isPresent());
    }
  }

  @Test
  void recipientsPastTheLimitGet452WithoutEndingTheSession() {
    try (FakeMailServer server = smtpOnly().maxRecipients(5).maxErrors(10).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ");
      StringBuilder rcpts = new StringBuilder();
      for (int i = 1; i <= 20; i++) {
        rcpts.append("RCPT TO:<r").append(i).append("@y.test>\r\n");
      }
      smtp.sendRaw(rcpts.toString());
      for (int i = 1; i <= 20; i++) {
        smtp.expect(i <= 5 ? "250 2.1.5" : "452 4.5.3 Too many recipients");
      }
      smtp.sendExpect("DATA", "354 ").sendRaw("x\r\n.\r\n").expect("250 ");
      ReceivedMessage m = server.awaitMessage(MessageFilter.any(), Duration.ofSeconds(5));
      assertThat(m.envelope().recipientAddresses()).containsExactly("r1@y.test", "r2@y.test", "r3@y.test", "r4@y.test", "r5@y.test");
    }
  }

  @Test
  void idleTimeoutClosesASilentClient() {
    try (FakeMailServer server = smtpOnly().idleTimeout(Duration.ofMillis(300)).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo();
      long start = System.nanoTime();
      smtp.expectClosed();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5)).until(() -> ServerInternals.of(server).openConnections() == 0);
    }
  }

  @Test
  void idleTimeoutClosesAClientSilentInTheMiddleOfData() {
    try (FakeMailServer server = smtpOnly().idleTimeout(Duration.ofMillis(300)).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
          .sendExpect("DATA", "354 ").sendRaw("Subject: never finished\r\n");
      smtp.expectClosed();
      assertThat(server.messages(MessageFilter.any())).isEmpty();
    }
  }

  @Test
  void aCommandLineDrippingInSlowerThanTheIdleTimeoutIsCutOff() {
    try (FakeMailServer server = smtpOnly().idleTimeout(Duration.ofMillis(500)).start(); SmtpConversation smtp = connect(server)) {
      smtp.expect("220 ");
      ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
      try {
        // One octet every 100 ms: each read is well within the idle timeout, the line never ends.
        drip.scheduleAtFixedRate(() -> {
          try {
            smtp.socket().getOutputStream().write('x');
          } catch (IOException e) {
            throw new UncheckedIOException(e); // closed by the server: stop dripping
          }
        }, 0, 100, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        smtp.expectEndOfStream();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      } finally {
        drip.shutdownNow();
      }
    }
  }

  @Test
  void theConnectionLimitIsPerListener() {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.SUBMISSION).maxConnections(1).start();
         SmtpConversation smtp = connect(server);
         SmtpConversation submission = SmtpConversation.connect(server.host(), server.submissionPort())) {
      smtp.expect("220 ");
      submission.expect("220 ");
      try (SmtpConversation more = connect(server)) {
        more.expect("421 4.7.0");
      }
    }
  }

  @Test
  void connectionPastTheLimitGets421() {
    try (FakeMailServer server = smtpOnly().maxConnections(2).start();
         SmtpConversation first = connect(server);
         SmtpConversation second = connect(server)) {
      first.expect("220 ");
      second.expect("220 ");
      try (SmtpConversation third = connect(server)) {
        third.expect("421 4.7.0 Too many connections");
        third.expectClosed();
      }
      first.sendExpect("QUIT", "221 ").expectClosed();
      await().atMost(Duration.ofSeconds(5)).until(() -> ServerInternals.of(server).openConnections() == 1);
      try (SmtpConversation fourth = connect(server)) {
        fourth.greetAndEhlo();
      }
      second.sendExpect("NOOP", "250 ");
    }
  }

  @Test
  void aClosedConnectionFreesItsSlotForTheNextClient() {
    try (FakeMailServer server = smtpOnly().maxConnections(1).start()) {
      for (int i = 0; i < 100; i++) {
        try (SmtpConversation smtp = connect(server)) {
          smtp.expect("220 ").sendExpect("QUIT", "221 ").expectClosed();
        }
      }
    }
  }

  @Test
  void closingTheServerDisconnectsIdleClientsAtOnce() {
    FakeMailServer server = smtpOnly().stopGrace(Duration.ofSeconds(20)).start();
    try (SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo();
      long start = System.nanoTime();
      server.close();
      smtp.expectEndOfStream();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(server.isRunning()).isFalse();
    } finally {
      server.close();
    }
  }

  @Test
  void messageOverTheSizeLimitGets552AtTheEndOfDataAndNothingIsStored() {
    try (FakeMailServer server = smtpOnly().maxMessageSize(1000).start(); SmtpConversation smtp = connect(server)) {
      smtp.expect("220 ").send("EHLO client.test");
      assertThat(smtp.reply()).contains("250-SIZE 1000");
      sendMessage(smtp, "Subject: big\r\n\r\n" + "0123456789012345678901234567890123456789\r\n".repeat(200),
          "552 5.3.4 Message size exceeds fixed maximum message size");
      assertThat(server.messages(MessageFilter.any())).isEmpty();
      sendMessage(smtp, "Subject: small\r\n\r\nok\r\n", "250 ");
      assertThat(server.messages(MessageFilter.any())).extracting(ReceivedMessage::subject).containsExactly("small");
    }
  }

  @Test
  void bdatOverTheSizeLimitGets552AndNothingIsStored() {
    try (FakeMailServer server = smtpOnly().maxMessageSize(100).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ");
      smtp.sendRaw("BDAT 80\r\n" + "x".repeat(80)).expect("250 ");
      smtp.sendRaw("BDAT 80 LAST\r\n" + "y".repeat(80)).expect("552 5.3.4");
      smtp.sendExpect("NOOP", "250 ");
      assertThat(server.messages(MessageFilter.any())).isEmpty();
    }
  }

  @Test
  void storeAtItsCapRefusesWith452AndEvictsNothing() {
    try (FakeMailServer server = smtpOnly().maxMessages(2).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo();
      sendMessage(smtp, "Subject: one\r\n\r\n1\r\n", "250 ");
      sendMessage(smtp, "Subject: two\r\n\r\n2\r\n", "250 ");
      sendMessage(smtp, "Subject: three\r\n\r\n3\r\n", "452 4.3.1 Insufficient system storage");
      List<ReceivedMessage> kept = server.messages(MessageFilter.any());
      assertThat(kept).extracting(ReceivedMessage::subject).containsExactly("one", "two");
      server.delete(kept.get(0).id());
      sendMessage(smtp, "Subject: four\r\n\r\n4\r\n", "250 ");
      assertThat(server.messages(MessageFilter.any())).extracting(ReceivedMessage::subject).containsExactly("two", "four");
    }
  }

  @Test
  void storeAtItsByteCapRefusesWith452() {
    // the budget counts the mailbox (2,400), the message (6,002 + 700), then the 8 KiB buffer of the next one
    try (FakeMailServer server = smtpOnly().maxStoreBytes(16_000).start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo();
      sendMessage(smtp, "x".repeat(6000) + "\r\n", "250 ");
      sendMessage(smtp, "y".repeat(6000) + "\r\n", "452 4.3.1");
      assertThat(server.messages(MessageFilter.any())).hasSize(1);
    }
  }

  @Test
  void transcriptRecordsTheLongLineWithoutKeepingIt() {
    try (FakeMailServer server = smtpOnly().start(); SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo().sendExpect("NOOP " + "x".repeat(20_000), "500 5.5.2").sendExpect("QUIT", "221 ");
      await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().get(0).ended().isPresent());
      SessionRecord r = server.sessions().get(0);
      assertThat(r.transcript()).extracting(Object::toString)
          .contains("C: <line longer than " + SmtpConfig.MAX_AUTH_LINE + " octets>", "S: 500 5.5.2 Line too long");
    }
  }
}
