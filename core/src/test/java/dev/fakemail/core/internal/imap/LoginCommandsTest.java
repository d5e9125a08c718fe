package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Fault;
import dev.fakemail.core.SessionRecord;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** STARTTLS, LOGIN and AUTHENTICATE PLAIN through a fake exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LoginCommandsTest {
  private final FakeImapSession imap = FakeImapSession.strict();

  private static String plain(String authzid, String user, String password) {
    return Base64.getEncoder().encodeToString((authzid + "\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void startTlsAnswersBeforeTheHandshakeAndTheTranscriptNotesIt() {
    imap.exchange.plaintextBehindStartTls = 12;
    FakeImapSession.Response r = imap.run("t STARTTLS");
    assertThat(r.completion()).isNull(); // sent before the handshake
    assertThat(r.untagged()).isEqualTo("t OK Begin TLS negotiation now\r\n");
    assertThat(imap.exchange.tls).isTrue();
    assertThat(imap.transcript()).extracting(SessionRecord.TranscriptLine::text)
        .contains("[12 octets pipelined behind STARTTLS discarded]");
    assertThat(imap.complete("u STARTTLS")).isEqualTo("u BAD TLS already active");
  }

  @Test
  void startTlsWithoutTlsConfiguredIsNo() {
    imap.exchange.tlsAvailable = false;
    assertThat(imap.complete("t STARTTLS")).isEqualTo("t NO TLS not available");
    assertThat(imap.complete("u STARTTLS now")).startsWith("u BAD");
  }

  @Test
  void loginWithTheRightPasswordAnswersWithCapabilities() {
    FakeImapSession.Response r = imap.run("l LOGIN bob@x.test pw").ok();
    assertThat(r.completion()).startsWith("l OK [CAPABILITY IMAP4rev1 ").endsWith("] Logged in");
    assertThat(imap.session.state()).isEqualTo(ImapState.AUTHENTICATED);
    assertThat(imap.session.user()).isEqualTo("bob@x.test");
  }

  @Test
  void loginWithAWrongPasswordIsNoAuthenticationFailed() {
    assertThat(imap.complete("l LOGIN bob@x.test nope")).isEqualTo("l NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertThat(imap.session.state()).isEqualTo(ImapState.NOT_AUTHENTICATED);
    assertThat(imap.complete("m LOGIN bob@x.test")).startsWith("m BAD");
  }

  @Test
  void aLoginFaultRuleAnswersInsteadOfTheLogin() {
    imap.faults.add(Fault.at(Fault.Stage.LOGIN).reply("454 4.7.0 try later").build());
    assertThat(imap.complete("l LOGIN bob@x.test pw")).isEqualTo("l NO [UNAVAILABLE] try later");
    assertThat(imap.session.state()).isEqualTo(ImapState.NOT_AUTHENTICATED);
  }

  @Test
  void authenticatePlainWithAnInitialResponse() {
    imap.run("a AUTHENTICATE PLAIN " + plain("", "bob@x.test", "pw")).ok();
    assertThat(imap.session.user()).isEqualTo("bob@x.test");
  }

  @Test
  void authenticatePlainReadsTheResponseFromAContinuationAndHidesItInTheTranscript() {
    imap.exchange.lines(plain("", "bob@x.test", "pw"));
    FakeImapSession.Response r = imap.run("a AUTHENTICATE PLAIN").ok();
    assertThat(r.untagged()).isEqualTo("+ \r\n");
    assertThat(imap.transcript()).extracting(SessionRecord.TranscriptLine::text).doesNotContain(plain("", "bob@x.test", "pw"));
  }

  @Test
  void authenticateErrors() {
    assertThat(imap.complete("a AUTHENTICATE LOGIN")).isEqualTo("a NO Unsupported mechanism; use PLAIN");
    imap.exchange.lines("*");
    assertThat(imap.complete("b AUTHENTICATE PLAIN")).isEqualTo("b BAD AUTHENTICATE cancelled");
    assertThat(imap.complete("c AUTHENTICATE PLAIN !!!")).startsWith("c BAD Cannot decode");
    assertThat(imap.complete("d AUTHENTICATE PLAIN " + Base64.getEncoder().encodeToString("bob".getBytes(StandardCharsets.UTF_8))))
        .startsWith("d BAD Bad PLAIN response");
    assertThat(imap.complete("e AUTHENTICATE PLAIN " + plain("alice@x.test", "bob@x.test", "pw")))
        .isEqualTo("e NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertThat(imap.complete("f AUTHENTICATE PLAIN " + plain("", "bob@x.test", "nope")))
        .isEqualTo("f NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertThat(imap.session.state()).isEqualTo(ImapState.NOT_AUTHENTICATED);
  }

  @Test
  void aClientThatHangsUpDuringAuthenticateEndsTheSession() {
    imap.exchange.hangUp();
    assertThatThrownBy(() -> imap.run("a AUTHENTICATE PLAIN")).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("AUTHENTICATE");
  }
}
