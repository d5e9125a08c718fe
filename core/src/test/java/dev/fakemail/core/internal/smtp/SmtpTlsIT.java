package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STARTTLS and SMTPS over a raw socket, with the STARTTLS command-injection case. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpTlsIT {
  private static final String INJECTED = "MAIL FROM:<injected@evil.test>\r\nRCPT TO:<victim@y.test>\r\n";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.SMTPS).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SessionRecord endedSession() {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().get(0).ended().isPresent());
    return server.sessions().get(0);
  }

  @Test
  void commandsPipelinedBehindStartTlsAreNeverRunAfterTheHandshake() {
    try (SmtpConversation smtp = SmtpConversation.connect(server.host(), server.smtpPort())) {
      smtp.greetAndEhlo();
      smtp.sendRaw("STARTTLS\r\n" + INJECTED);
      smtp.expect("220 2.0.0 Ready to start TLS");
      smtp.startTls(server.tls().clientSocketFactory());
      smtp.send("EHLO client.test");
      assertThat(smtp.reply()).contains("250-AUTH PLAIN LOGIN CRAM-MD5").doesNotContain("STARTTLS");
      // Had the injected MAIL run, this RCPT would be accepted and DATA would start.
      smtp.sendExpect("RCPT TO:<victim@y.test>", "503 5.5.1").sendExpect("DATA", "503 5.5.1");
      smtp.sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
          .sendExpect("DATA", "354 ").sendRaw("Subject: secure\r\n\r\nx\r\n.\r\n").expect("250 ").sendExpect("QUIT", "221 ");
    }
    ReceivedMessage m = server.awaitMessage(MessageFilter.any(), Duration.ofSeconds(5));
    assertThat(m.envelope().from()).isEqualTo("a@x.test");
    assertThat(m.session().tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(m.session().tlsCipher()).isNotEmpty();
    SessionRecord r = endedSession();
    assertThat(r.tlsProtocol()).isEqualTo(m.session().tlsProtocol());
    assertThat(r.transcript()).extracting(Object::toString)
        .contains("S: [" + INJECTED.length() + " octets pipelined behind STARTTLS discarded]")
        .noneMatch(l -> l.contains("injected@evil.test"));
    assertThat(server.messages(MessageFilter.to("victim@y.test"))).isEmpty();
  }

  @Test
  void startTlsForgetsTheGreetingAndTheSessionStartsOver() {
    try (SmtpConversation smtp = SmtpConversation.connect(server.host(), server.smtpPort())) {
      smtp.greetAndEhlo().sendExpect("STARTTLS", "220 ").startTls(server.tls().clientSocketFactory());
      smtp.sendExpect("MAIL FROM:<a@x.test>", "503 5.5.1 Send EHLO or HELO first");
      smtp.sendExpect("EHLO client.test", "250 ").sendExpect("STARTTLS", "503 5.5.1 TLS already active");
    }
  }

  @Test
  void smtpsSpeaksTlsFromTheFirstOctetAndOffersNoStartTls() {
    try (SmtpConversation smtp = SmtpConversation.connectTls(server.host(), server.smtpsPort(), server.tls().clientSocketFactory())) {
      smtp.expect("220 ").send("EHLO client.test");
      assertThat(smtp.reply()).doesNotContain("STARTTLS").contains("250-CHUNKING");
      smtp.sendExpect("STARTTLS", "503 5.5.1 TLS already active");
      smtp.sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
          .sendExpect("DATA", "354 ").sendRaw("x\r\n.\r\n").expect("250 ");
    }
    ReceivedMessage m = server.awaitMessage(MessageFilter.any(), Duration.ofSeconds(5));
    assertThat(m.session().listener()).isEqualTo(Listener.SMTPS);
    assertThat(m.session().tls()).isTrue();
  }

  @Test
  void plaintextOnTheSmtpsPortIsDroppedWithoutHarm() throws Exception {
    try (SmtpConversation smtp = SmtpConversation.connect(server.host(), server.smtpsPort())) {
      smtp.sendRaw("EHLO client.test\r\n");
      smtp.expectEndOfStream(); // after at most a TLS alert
    }
    try (SmtpConversation smtp = SmtpConversation.connect(server.host(), server.smtpsPort())) {
      smtp.socket().shutdownOutput(); // a client that connects and says nothing at all
      smtp.expectEndOfStream();
    }
    try (SmtpConversation smtp = SmtpConversation.connectTls(server.host(), server.smtpsPort(), server.tls().clientSocketFactory())) {
      smtp.expect("220 ");
    }
  }
}
