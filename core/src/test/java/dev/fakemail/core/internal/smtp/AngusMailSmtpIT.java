package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with Angus Mail's SMTP transport: plain, STARTTLS, SMTPS and every AUTH mechanism. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AngusMailSmtpIT {
  private FakeMailServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Properties props(Listener listener) {
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.port(listener)));
    p.put("mail.smtp.localhost", "angus.client.test");
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    return p;
  }

  private static MimeMessage message(Session session, String subject, String to, String cc) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("sender@app.test"));
    m.setRecipients(Message.RecipientType.TO, to);
    if (cc != null) {
      m.setRecipients(Message.RecipientType.CC, cc);
    }
    m.setSubject(subject);
    m.setText("Hello from Angus Mail\n.leading dot line\n", "UTF-8");
    return m;
  }

  private static void send(Properties props, String subject) throws MessagingException {
    Session session = Session.getInstance(props);
    Transport.send(message(session, subject, "to@example.test", "cc@example.test"));
  }

  private static void send(Properties props, String subject, String user, String password) throws MessagingException {
    Session session = Session.getInstance(props);
    // In strict mode only the declared user receives mail; in open mode anyone does. The user sends as
    // itself: submission and SMTPS check the sender in strict mode (553 5.7.1 otherwise).
    MimeMessage m = message(session, subject, "alice@corp.test", null);
    if (user.contains("@")) {
      m.setFrom(new InternetAddress(user));
    }
    Transport.send(m, user, password);
  }

  private SessionRecord lastSession() {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().stream().allMatch(s -> s.ended().isPresent()));
    List<SessionRecord> all = server.sessions();
    return all.get(all.size() - 1);
  }

  @Test
  void plainSmtpDeliversEnvelopeAndContent() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    send(props(Listener.SMTP), "plain");
    ReceivedMessage m = server.awaitMessage(MessageFilter.to("cc@example.test"));
    assertThat(m.envelope().from()).isEqualTo("sender@app.test");
    assertThat(m.envelope().recipientAddresses()).containsExactly("to@example.test", "cc@example.test");
    assertThat(m.subject()).isEqualTo("plain");
    assertThat(m.text()).isEqualToNormalizingNewlines("Hello from Angus Mail\n.leading dot line\n");
    assertThat(m.rawString()).contains("\r\n.leading dot line\r\n");
    assertThat(m.session().helo()).isEqualTo("angus.client.test");
    assertThat(m.session().tls()).isFalse();
    assertThat(m.session().authUser()).isEmpty();
    assertThat(m.session().clientAddress()).isEqualTo("127.0.0.1");
    assertThat(lastSession().messageIds()).containsExactly(m.id());
  }

  @Test
  void startTlsWithTheServersSocketFactory() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    Properties p = props(Listener.SMTP);
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", server.tls().clientSocketFactory());
    send(p, "starttls");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("starttls"));
    assertThat(m.session().tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(m.session().listener()).isEqualTo(Listener.SMTP);
    assertThat(lastSession().tlsProtocol()).isEqualTo(m.session().tlsProtocol());
  }

  @Test
  void startTlsWithSslTrust() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SUBMISSION).start();
    Properties p = props(Listener.SUBMISSION);
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.trust", server.host());
    send(p, "trusted");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("trusted"));
    assertThat(m.session().tls()).isTrue();
    assertThat(m.session().listener()).isEqualTo(Listener.SUBMISSION);
  }

  @Test
  void smtpsWithImplicitTls() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTPS).start();
    Properties p = props(Listener.SMTPS);
    p.put("mail.smtp.ssl.enable", "true");
    p.put("mail.smtp.ssl.socketFactory", server.tls().clientSocketFactory());
    send(p, "smtps");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("smtps"));
    assertThat(m.session().listener()).isEqualTo(Listener.SMTPS);
    assertThat(m.session().tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(m.session().tlsCipher()).isNotEmpty();
  }

  @Test
  void smtpsWithSslTrustAndRequiredAuth() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTPS).authRequired(true).start();
    Properties p = props(Listener.SMTPS);
    p.put("mail.smtp.ssl.enable", "true");
    p.put("mail.smtp.ssl.trust", "*");
    p.put("mail.smtp.auth", "true");
    send(p, "smtps auth", "someone@app.test", "open-secret");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("smtps auth"));
    assertThat(m.session().authUser()).isEqualTo("someone@app.test");
    Credentials.assertMasked(lastSession(), "someone@app.test", "open-secret");
  }

  private Properties authProps(String mechanism) {
    return authProps(Listener.SMTP, mechanism);
  }

  private Properties authProps(Listener listener, String mechanism) {
    Properties p = props(listener);
    p.put("mail.smtp.auth", "true");
    p.put("mail.smtp.auth.mechanisms", mechanism);
    if (mechanism.equals("CRAM-MD5")) { // Angus does CRAM-MD5 through the JDK's SASL client
      p.put("mail.smtp.sasl.enable", "true");
      p.put("mail.smtp.sasl.mechanisms", "CRAM-MD5");
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
  void openModeAcceptsAnyCredentialsAndRecordsTheUser(String mechanism) throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    send(authProps(mechanism), "open " + mechanism, "bob@anywhere.test", "p4ss-" + mechanism);
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("open " + mechanism));
    assertThat(m.session().authUser()).isEqualTo("bob@anywhere.test");
    SessionRecord s = lastSession();
    assertThat(s.authUser()).isEqualTo("bob@anywhere.test");
    assertThat(s.transcript()).extracting(Object::toString).contains("S: 235 2.7.0 Authentication successful")
        .anyMatch(l -> l.startsWith("C: AUTH " + mechanism));
    Credentials.assertMasked(s, "bob@anywhere.test", "p4ss-" + mechanism);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
  void strictModeAcceptsTheRightPassword(String mechanism) throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP).user("alice@corp.test", "secret").start();
    send(authProps(mechanism), "strict " + mechanism, "alice@corp.test", "secret");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("strict " + mechanism));
    assertThat(m.session().authUser()).isEqualTo("alice@corp.test");
    Credentials.assertMasked(lastSession(), "alice@corp.test", "secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
  void strictModeRefusesAWrongPassword(String mechanism) {
    server = FakeMailServer.builder().listeners(Listener.SMTP).user("alice@corp.test", "secret").start();
    assertThatThrownBy(() -> send(authProps(mechanism), "refused", "alice@corp.test", "wrong-password"))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(server.messages(MessageFilter.any())).isEmpty();
    SessionRecord s = lastSession();
    assertThat(s.authUser()).isEmpty();
    assertThat(s.transcript()).extracting(Object::toString).contains("S: 535 5.7.8 Authentication credentials invalid");
    Credentials.assertMasked(s, "alice@corp.test", "wrong-password");
  }

  @Test
  void strictModeRefusesUnknownRecipientsToAngus() {
    server = FakeMailServer.builder().listeners(Listener.SMTP).user("alice@corp.test", "secret").start();
    Properties p = props(Listener.SMTP);
    assertThatThrownBy(() -> {
      MimeMessage m = new MimeMessage(Session.getInstance(p));
      m.setFrom("x@outside.test");
      m.setRecipients(Message.RecipientType.TO, "mallory@corp.test");
      m.setText("x");
      Transport.send(m);
    }).isInstanceOf(MessagingException.class).hasStackTraceContaining("550 5.1.1");
    assertThat(server.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void submissionWithRequiredAuthOverStartTls() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SUBMISSION).authRequired(true).user("alice@corp.test", "secret").start();
    Properties p = authProps(Listener.SUBMISSION, "PLAIN");
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", server.tls().clientSocketFactory());
    send(p, "submission", "alice@corp.test", "secret");
    ReceivedMessage m = server.awaitMessage(MessageFilter.subject("submission"));
    assertThat(m.session().authUser()).isEqualTo("alice@corp.test");
    assertThat(m.session().tls()).isTrue();
    assertThat(m.session().listener()).isEqualTo(Listener.SUBMISSION);
  }

  @Test
  void sizeDeclaredByAngusOverTheLimitIsRefusedAtMail() {
    server = FakeMailServer.builder().listeners(Listener.SMTP).maxMessageSize(1024).start();
    assertThatThrownBy(() -> {
      MimeMessage m = new MimeMessage(Session.getInstance(props(Listener.SMTP)));
      m.setFrom("a@app.test");
      m.setRecipients(Message.RecipientType.TO, "b@example.test");
      m.setText("x".repeat(4096));
      Transport.send(m);
    }).isInstanceOf(MessagingException.class).hasStackTraceContaining("552");
    assertThat(server.messages(MessageFilter.any())).isEmpty();
  }
}
