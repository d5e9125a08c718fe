package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STARTTLS (RFC 3207): replies and the fresh start after the handshake. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StartTlsCommandTest {

  @Test
  void startTlsAnswers220BeforeTheHandshakeAndResetsTheSession() {
    FakeSession s = new FakeSession().ehlo();
    s.run("AUTH PLAIN " + AuthCommandTest.b64("\0bob\0pw"));
    assertThat(s.run("STARTTLS")).isNull();
    assertThat(s.exchange.sent).extracting(SmtpReply::toWire).containsExactly("220 2.0.0 Ready to start TLS\r\n");
    assertThat(s.session.state()).isEqualTo(SmtpState.CONNECTED);
    assertThat(s.session.helo()).isEmpty();
    assertThat(s.session.authenticated()).isFalse();
    assertThat(s.log.snapshot().get(0).tlsProtocol()).isEqualTo("TLSv1.3");
  }

  @Test
  void ehloAfterTlsNoLongerOffersStartTls() {
    FakeSession s = new FakeSession().ehlo();
    s.run("STARTTLS");
    assertThat(s.run("EHLO client.test").lines()).doesNotContain("STARTTLS").contains("AUTH PLAIN LOGIN CRAM-MD5");
  }

  @Test
  void messagesAfterTlsRecordTheProtocolAndCipher() {
    FakeSession s = new FakeSession().ehlo();
    s.run("STARTTLS");
    s.mailTransaction("a@x.test", "b@y.test");
    s.exchange.body("x\r\n");
    s.run("DATA");
    assertThat(s.delivered.get(0).session().tlsProtocol()).isEqualTo("TLSv1.3");
    assertThat(s.delivered.get(0).session().tlsCipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
  }

  @Test
  void secondStartTlsIsRefused() {
    FakeSession s = new FakeSession().ehlo();
    s.run("STARTTLS");
    s.ehlo();
    assertThat(s.reply("STARTTLS")).isEqualTo("503 5.5.1 TLS already active");
  }

  @Test
  void startTlsWithoutTlsMaterialGets454() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.tlsAvailable = false;
    assertThat(s.reply("STARTTLS")).isEqualTo("454 4.7.0 TLS not available");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void startTlsWithAnArgumentIsASyntaxError() {
    assertThat(new FakeSession().ehlo().reply("STARTTLS now")).isEqualTo("501 5.5.4 Syntax: STARTTLS");
  }

  @Test
  void startTlsIsRefusedBeforeEhloAndInsideATransaction() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("STARTTLS")).isEqualTo("503 5.5.1 Send EHLO or HELO first");
    s.mailTransaction("a@x.test");
    assertThat(s.reply("STARTTLS")).isEqualTo("503 5.5.1 Bad sequence of commands");
  }

  @Test
  void plaintextPipelinedBehindStartTlsIsNotedInTheTranscript() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.plaintextBehindStartTls = 42;
    s.run("STARTTLS");
    assertThat(s.transcript()).extracting(Object::toString)
        .contains("S: [42 octets pipelined behind STARTTLS discarded]");
  }
}
