package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.Subscription;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plain SMTP sessions run on the listener's event loop and move to a thread for what blocks. These
 * are the seams: a session that moves keeps its pipelined input, transcript and state; what blocks
 * one session (a fault's delay, an onMessage callback that waits) holds up no other; a client that
 * does not read its replies gets all of them; a stop lets a transfer in progress finish.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpEventLoopIT {

  private static SmtpConversation connect(FakeMailServer server) {
    return SmtpConversation.connect(server.host(), server.smtpPort());
  }

  @Test
  void pipelinedCommandsBehindAuthAreAnsweredAfterTheSessionMovesToAThread() {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).user("alice@corp.test", "secret").start();
         SmtpConversation smtp = connect(server)) {
      String plain = Base64.getEncoder().encodeToString("\0alice@corp.test\0secret".getBytes(StandardCharsets.UTF_8));
      // One write: EHLO runs on the loop, AUTH moves the session, and the rest was already read by the loop.
      smtp.expect("220 ").sendRaw("EHLO client.test\r\nAUTH PLAIN " + plain + "\r\nMAIL FROM:<alice@corp.test>\r\n"
          + "RCPT TO:<alice@corp.test>\r\nDATA\r\n");
      smtp.expect("250 ").expect("235 ").expect("250 ").expect("250 ").expect("354 ");
      String content = "Subject: across the hand-off\r\n\r\nbody\r\n";
      smtp.sendRaw(content + ".\r\nQUIT\r\n").expect("250 ").expect("221 ");
      smtp.expectEndOfStream();

      ReceivedMessage m = server.awaitMessage(MessageFilter.subject("across the hand-off"));
      assertThat(m.session().authUser()).isEqualTo("alice@corp.test");
      await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().get(0).ended().isPresent());
      SessionRecord session = server.sessions().get(0);
      assertThat(server.sessions()).hasSize(1);
      assertThat(session.helo()).isEqualTo("client.test");
      assertThat(session.messageIds()).containsExactly(m.id());
      assertThat(session.transcript().stream().map(SessionRecord.TranscriptLine::text))
          .contains("EHLO client.test", "AUTH PLAIN ****", "MAIL FROM:<alice@corp.test>",
              "<" + content.length() + " octets of data>", "QUIT")
          .first().asString().startsWith("220 ");
    }
  }

  @Test
  void aBdatChunkPipelinedBehindTheEnvelopeIsReadOnTheThread() {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start(); SmtpConversation smtp = connect(server)) {
      String content = "Subject: chunked\r\n\r\nhello\r\n";
      smtp.expect("220 ").sendRaw("EHLO client.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nBDAT "
          + content.length() + " LAST\r\n" + content + "NOOP\r\n");
      smtp.expect("250 ").expect("250 ").expect("250 ").expect("250 2.0.0 Ok: queued as ").expect("250 ");
      assertThat(server.awaitMessage(MessageFilter.subject("chunked")).rawString())
          .isEqualTo(content);
    }
  }

  @Test
  void aFaultRuleSetDuringASessionDelaysOnlyThatSession() {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start();
         SmtpConversation slow = connect(server); SmtpConversation other = connect(server)) {
      slow.greetAndEhlo();
      other.greetAndEhlo();
      server.faults().add(Fault.at(Fault.Stage.MAIL).from("slow@x.test").delay(Duration.ofSeconds(4)));

      slow.send("MAIL FROM:<slow@x.test>");
      // Both sessions were on the loop when the rule came; the delay must hold the slow one on a thread
      // of its own, so the other is answered while the slow one still waits.
      other.sendExpect("MAIL FROM:<quick@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
          .sendExpect("DATA", "354 ").sendRaw("Subject: not held up\r\n\r\n.\r\n").expect("250 ");
      assertThat(available(slow)).as("octets the delayed session got before its delay ended").isZero();
      slow.expect("250 ");
      assertThat(server.messages(MessageFilter.subject("not held up"))).hasSize(1);
    }
  }

  @Test
  void anOnMessageCallbackThatWaitsForAnotherSessionsMessageDoesNotHoldItUp() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start();
         SmtpConversation first = connect(server); SmtpConversation second = connect(server)) {
      first.greetAndEhlo();
      second.greetAndEhlo();
      AtomicInteger seenByTheFirstCallback = new AtomicInteger();
      // Registered while both sessions are on the loop: the first message's callback waits for the
      // second message, which only arrives if the callback is not run where the second session is served.
      try (Subscription callback = server.onMessage(m -> {
        if ("first".equals(m.subject())) {
          seenByTheFirstCallback.set(server.awaitMessages(MessageFilter.any(), 2, Duration.ofSeconds(20)).size());
        }
      })) {
        CompletableFuture<Void> firstDone = CompletableFuture.runAsync(() -> sendMessage(first, "first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.messages(MessageFilter.subject("first")).size() == 1);
        sendMessage(second, "second");
        firstDone.get(20, TimeUnit.SECONDS);
      }
      assertThat(seenByTheFirstCallback).hasValue(2);
    }
  }

  @Test
  void aClientThatReadsNoRepliesUntilItHasSentEverythingGetsEveryReply() throws Exception {
    int commands = 400_000; // 5.6 MB of replies: more than the socket buffers hold, so the server must wait for the reader
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start(); Socket socket = new Socket()) {
      socket.setReceiveBufferSize(8192);
      socket.connect(new InetSocketAddress(server.host(), server.smtpPort()));
      socket.setSoTimeout(20_000);
      AtomicInteger sent = new AtomicInteger();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = socket.getOutputStream();
          out.write("EHLO flood.test\r\n".getBytes(StandardCharsets.US_ASCII));
          byte[] noops = "NOOP\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < commands / 1000; i++) {
            out.write(noops);
            sent.addAndGet(1000);
          }
          out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= commands / 2 || writer.isDone());

      InputStream in = socket.getInputStream();
      byte[] buf = new byte[64 * 1024];
      int lines = 0;
      int noopReplies = 0;
      StringBuilder line = new StringBuilder();
      String last = "";
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            last = line.toString();
            lines++;
            if (last.equals("250 2.0.0 Ok")) {
              noopReplies++;
            }
            line.setLength(0);
          } else if (buf[i] != '\r') {
            line.append((char) buf[i]);
          }
        }
      }
      writer.get(10, TimeUnit.SECONDS);
      assertThat(noopReplies).isEqualTo(commands);
      assertThat(last).startsWith("221 ");
      assertThat(lines).isGreaterThan(commands + 2);
    }
  }

  @Test
  void aTransferInProgressWhenTheServerStopsFinishesWithinTheGrace() throws Exception {
    FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).stopGrace(Duration.ofSeconds(20)).start();
    int port = server.smtpPort();
    try (SmtpConversation smtp = connect(server)) {
      smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
          .sendExpect("DATA", "354 ").sendRaw("Subject: finished during the stop\r\n\r\nfirst half\r\n");
      CompletableFuture<Void> stop = CompletableFuture.runAsync(server::close);
      await().atMost(Duration.ofSeconds(10)).until(() -> refusesConnections(server.host(), port));
      smtp.sendRaw("second half\r\n.\r\n").expect("250 ");
      stop.get(20, TimeUnit.SECONDS);
      List<ReceivedMessage> stored = server.messages(MessageFilter.subject("finished during the stop"));
      assertThat(stored).hasSize(1);
      assertThat(stored.get(0).rawString()).endsWith("first half\r\nsecond half\r\n");
    } finally {
      server.close();
    }
  }

  private static void sendMessage(SmtpConversation smtp, String subject) {
    smtp.sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ")
        .sendRaw("Subject: " + subject + "\r\n\r\n.\r\n").expect("250 ");
  }

  private static int available(SmtpConversation smtp) {
    try {
      return smtp.socket().getInputStream().available();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean refusesConnections(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
