package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient.AUTH_METHOD;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.apache.commons.net.smtp.SimpleSMTPHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Interoperability with commons-net's SMTPClient and AuthenticatingSMTPClient, an independent client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommonsNetSmtpIT {
  private FakeMailServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void sendOne(SMTPClient client, String from, String to, String subject) throws Exception {
    assertThat(client.setSender(from)).as(client.getReplyString()).isTrue();
    assertThat(client.addRecipient(to)).as(client.getReplyString()).isTrue();
    String header = new SimpleSMTPHeader(from, to, subject).toString();
    assertThat(client.sendShortMessageData(header + "Sent by commons-net.\r\n.leading dot, stuffed by the client\r\n"))
        .as(client.getReplyString()).isTrue();
  }

  private SessionRecord lastSession() {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().stream().allMatch(s -> s.ended().isPresent()));
    List<SessionRecord> all = server.sessions();
    return all.get(all.size() - 1);
  }

  @Test
  void smtpClientWithHeloDelivers() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    SMTPClient client = new SMTPClient();
    client.setDefaultTimeout(10_000);
    client.connect(server.host(), server.smtpPort());
    try {
      assertThat(SMTPReply.isPositiveCompletion(client.getReplyCode())).isTrue();
      assertThat(client.login("commons.client.test")).isTrue();
      sendOne(client, "sender@app.test", "bob@example.test", "commons-net");
      assertThat(client.verify("bob@example.test")).isFalse(); // 252: not verified, not refused
      assertThat(client.getReplyCode()).isEqualTo(252);
      assertThat(client.logout()).isTrue();
    } finally {
      client.disconnect();
    }
    ReceivedMessage m = server.awaitMessage(MessageFilter.to("bob@example.test"));
    assertThat(m.subject()).isEqualTo("commons-net");
    assertThat(m.session().helo()).isEqualTo("commons.client.test");
    assertThat(m.envelope().from()).isEqualTo("sender@app.test");
    assertThat(m.text()).isEqualTo("Sent by commons-net.\r\n.leading dot, stuffed by the client\r\n");
  }

  @Test
  void smtpClientSeesSequenceErrorsAsReplies() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    SMTPClient client = new SMTPClient();
    client.setDefaultTimeout(10_000);
    client.connect(server.host(), server.smtpPort());
    try {
      client.login("commons.client.test");
      assertThat(client.addRecipient("bob@example.test")).isFalse();
      assertThat(client.getReplyCode()).isEqualTo(503);
      assertThat(client.sendCommand("XYZZY")).isEqualTo(500);
      assertThat(client.sendNoOp()).isTrue();
    } finally {
      client.disconnect();
    }
  }

  @ParameterizedTest
  @EnumSource(value = AUTH_METHOD.class, names = {"PLAIN", "LOGIN", "CRAM_MD5"})
  void authenticatingClientOverStartTlsInStrictMode(AUTH_METHOD method) throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SUBMISSION).authRequired(true).user("alice@corp.test", "secret").start();
    AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(false, server.tls().clientSslContext());
    client.setDefaultTimeout(10_000);
    client.connect(server.host(), server.submissionPort());
    try {
      assertThat(client.elogin("commons.client.test")).isTrue();
      assertThat(client.execTLS()).as(client.getReplyString()).isTrue();
      assertThat(client.elogin("commons.client.test")).isTrue();
      assertThat(client.auth(method, "alice@corp.test", "wrong")).isFalse();
      assertThat(client.getReplyCode()).isEqualTo(535);
      assertThat(client.auth(method, "alice@corp.test", "secret")).as(client.getReplyString()).isTrue();
      sendOne(client, "alice@corp.test", "alice@corp.test", "auth " + method);
      client.logout();
    } finally {
      client.disconnect();
    }
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("auth " + method));
    assertThat(m.session().authUser()).isEqualTo("alice@corp.test");
    assertThat(m.session().tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(m.session().listener()).isEqualTo(Listener.SUBMISSION);
    Credentials.assertMasked(lastSession(), "alice@corp.test", "secret");
    Credentials.assertMasked(lastSession(), "alice@corp.test", "wrong");
  }

  @ParameterizedTest
  @EnumSource(value = AUTH_METHOD.class, names = {"PLAIN", "LOGIN", "CRAM_MD5"})
  void authenticatingClientOverSmtpsInOpenMode(AUTH_METHOD method) throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTPS).start();
    AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(true, server.tls().clientSslContext());
    client.setDefaultTimeout(10_000);
    client.connect(server.host(), server.smtpsPort());
    try {
      assertThat(client.elogin("commons.client.test")).isTrue();
      assertThat(client.auth(method, "carol@anywhere.test", "any-" + method)).as(client.getReplyString()).isTrue();
      sendOne(client, "carol@anywhere.test", "dave@example.test", "smtps " + method);
      client.logout();
    } finally {
      client.disconnect();
    }
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("smtps " + method));
    assertThat(m.session().authUser()).isEqualTo("carol@anywhere.test");
    assertThat(m.session().listener()).isEqualTo(Listener.SMTPS);
    assertThat(m.session().tls()).isTrue();
    Credentials.assertMasked(lastSession(), "carol@anywhere.test", "any-" + method);
  }

  @Test
  void mailBeforeAuthOnSubmissionIsRefused() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SUBMISSION).authRequired(true).start();
    AuthenticatingSMTPClient client = new AuthenticatingSMTPClient(false, server.tls().clientSslContext());
    client.setDefaultTimeout(10_000);
    client.connect(server.host(), server.submissionPort());
    try {
      client.elogin("commons.client.test");
      assertThat(client.setSender("a@app.test")).isFalse();
      assertThat(client.getReplyString()).startsWith("530 5.7.0");
    } finally {
      client.disconnect();
    }
  }
}
