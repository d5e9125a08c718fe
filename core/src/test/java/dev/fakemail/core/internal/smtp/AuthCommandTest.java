package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AUTH (RFC 4954) with PLAIN, LOGIN and CRAM-MD5, in open and strict mode. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AuthCommandTest {

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }

  static String cramResponse(String user, String password, String challengeB64) throws Exception {
    Mac mac = Mac.getInstance("HmacMD5");
    mac.init(new SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
    String digest = HexFormat.of().formatHex(mac.doFinal(Base64.getDecoder().decode(challengeB64)));
    return b64(user + " " + digest);
  }

  @Test
  void plainWithInitialResponseInOpenModeRecordsTheLogin() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("AUTH PLAIN " + b64("\0bob@x.test\0anything"))).isEqualTo("235 2.7.0 Authentication successful");
    assertThat(s.session.authUser()).isEqualTo("bob@x.test");
    assertThat(s.exchange.sent).isEmpty();
    assertThat(s.log.snapshot().get(0).authUser()).isEqualTo("bob@x.test");
  }

  @Test
  void plainWithoutInitialResponseSendsAnEmptyChallenge() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines(b64("admin\0bob\0pw"));
    assertThat(s.run("AUTH PLAIN").code()).isEqualTo(235);
    assertThat(s.exchange.sent).extracting(SmtpReply::toWire).containsExactly("334 \r\n");
    assertThat(s.session.authUser()).isEqualTo("bob");
  }

  @Test
  void loginAsksForUsernameThenPassword() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines(b64("carol@x.test"), b64("pw"));
    assertThat(s.run("auth login").code()).isEqualTo(235);
    assertThat(s.exchange.sent).extracting(r -> unb64(r.lines().get(0))).containsExactly("Username:", "Password:");
    assertThat(s.exchange.sent).allSatisfy(r -> assertThat(r.code()).isEqualTo(334));
    assertThat(s.session.authUser()).isEqualTo("carol@x.test");
  }

  @Test
  void loginWithInitialUsernameAsksOnlyForThePassword() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines(b64("pw"));
    assertThat(s.run("AUTH LOGIN " + b64("carol@x.test")).code()).isEqualTo(235);
    assertThat(s.exchange.sent).extracting(r -> unb64(r.lines().get(0))).containsExactly("Password:");
  }

  @Test
  void cramMd5InOpenModeRecordsTheLogin() throws Exception {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines(b64("dave@x.test 0123456789abcdef0123456789abcdef"));
    assertThat(s.run("AUTH CRAM-MD5").code()).isEqualTo(235);
    String nonce = unb64(s.exchange.sent.get(0).lines().get(0));
    assertThat(nonce).startsWith("<").endsWith("@mx.fake.test>");
    assertThat(s.session.authUser()).isEqualTo("dave@x.test");
  }

  @Test
  void cramMd5RejectsAnInitialResponse() {
    assertThat(new FakeSession().ehlo().reply("AUTH CRAM-MD5 " + b64("x y")))
        .isEqualTo("501 5.5.4 Syntax: AUTH CRAM-MD5 takes no initial response");
  }

  @Test
  void strictPlainAcceptsTheRightPasswordAndRecordsTheAddress() {
    FakeSession s = FakeSession.strict().ehlo();
    assertThat(s.run("AUTH PLAIN " + b64("\0alice@corp.test\0secret")).code()).isEqualTo(235);
    assertThat(s.session.authUser()).isEqualTo("alice@corp.test");
  }

  @Test
  void strictPlainRefusesAWrongPasswordWith535() {
    FakeSession s = FakeSession.strict().ehlo();
    assertThat(s.reply("AUTH PLAIN " + b64("\0alice@corp.test\0guess"))).isEqualTo("535 5.7.8 Authentication credentials invalid");
    assertThat(s.reply("AUTH PLAIN " + b64("\0nobody@corp.test\0secret"))).startsWith("535 5.7.8");
    assertThat(s.session.authenticated()).isFalse();
  }

  @Test
  void strictLoginChecksThePassword() {
    FakeSession s = FakeSession.strict().ehlo();
    s.exchange.lines(b64("alice@corp.test"), b64("wrong"));
    assertThat(s.run("AUTH LOGIN").code()).isEqualTo(535);
    s.exchange.lines(b64("alice@corp.test"), b64("secret"));
    assertThat(s.run("AUTH LOGIN").code()).isEqualTo(235);
    assertThat(s.session.authUser()).isEqualTo("alice@corp.test");
  }

  @Test
  void strictCramMd5ChecksTheDigest() throws Exception {
    FakeSession s = FakeSession.strict().ehlo();
    CramAnsweringExchange.answer(s, "alice@corp.test", "secret");
    assertThat(s.run("AUTH CRAM-MD5").code()).isEqualTo(235);
    assertThat(s.session.authUser()).isEqualTo("alice@corp.test");
  }

  @Test
  void strictCramMd5RefusesADigestOfTheWrongPassword() throws Exception {
    FakeSession s = FakeSession.strict().ehlo();
    CramAnsweringExchange.answer(s, "alice@corp.test", "not-the-secret");
    assertThat(s.reply("AUTH CRAM-MD5")).isEqualTo("535 5.7.8 Authentication credentials invalid");
    assertThat(s.session.authenticated()).isFalse();
  }

  @Test
  void invalidBase64Gets501() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("AUTH PLAIN !!!not-base64!!!")).isEqualTo("501 5.5.2 Cannot decode response");
    s.exchange.lines("%%%");
    assertThat(s.reply("AUTH LOGIN")).isEqualTo("501 5.5.2 Cannot decode response");
    assertThat(s.reply("AUTH PLAIN " + b64("no separators"))).isEqualTo("501 5.5.2 Cannot decode response");
    assertThat(s.session.authenticated()).isFalse();
  }

  @Test
  void unknownMechanismGets504() {
    assertThat(new FakeSession().ehlo().reply("AUTH GSSAPI")).isEqualTo("504 5.5.4 Unrecognized authentication type");
  }

  @Test
  void authWithoutMechanismIsASyntaxError() {
    assertThat(new FakeSession().ehlo().reply("AUTH")).isEqualTo("501 5.5.4 Syntax: AUTH mechanism [initial-response]");
  }

  @Test
  void starCancelsTheExchangeWith501() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines(b64("carol@x.test"), "*");
    assertThat(s.reply("AUTH LOGIN")).isEqualTo("501 5.0.0 Authentication cancelled");
    assertThat(s.session.authenticated()).isFalse();
    s.exchange.lines("*");
    assertThat(s.reply("AUTH CRAM-MD5")).isEqualTo("501 5.0.0 Authentication cancelled");
    s.exchange.lines("*");
    assertThat(s.reply("AUTH PLAIN")).isEqualTo("501 5.0.0 Authentication cancelled");
  }

  @Test
  void overLongResponseLineGets500AndTheSessionContinues() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.lines("A".repeat(SmtpConfig.MAX_AUTH_LINE + 1));
    assertThat(s.reply("AUTH LOGIN")).isEqualTo("500 5.5.2 Line too long");
    assertThat(s.session.authenticated()).isFalse();
    assertThat(s.run("MAIL FROM:<a@x.test>").code()).isEqualTo(250);
  }

  @Test
  void emptyLoginIsRefusedEvenInOpenMode() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("AUTH PLAIN " + b64("\0\0password"))).isEqualTo("535 5.7.8 Authentication credentials invalid");
    s.exchange.lines("=", b64("password"));
    assertThat(s.reply("AUTH LOGIN")).isEqualTo("535 5.7.8 Authentication credentials invalid");
    assertThat(s.session.authenticated()).isFalse();
    assertThat(s.run("AUTH PLAIN " + b64("\0bob\0pw")).code()).isEqualTo(235);
  }

  @Test
  void secondAuthIsRefused() {
    FakeSession s = new FakeSession().ehlo();
    s.run("AUTH PLAIN " + b64("\0bob\0pw"));
    assertThat(s.reply("AUTH PLAIN " + b64("\0eve\0pw"))).isEqualTo("503 5.5.1 Already authenticated");
    assertThat(s.session.authUser()).isEqualTo("bob");
  }

  @Test
  void authIsRefusedBeforeEhloAndInsideATransaction() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("AUTH PLAIN " + b64("\0bob\0pw"))).isEqualTo("503 5.5.1 Send EHLO or HELO first");
    s.mailTransaction("a@x.test");
    assertThat(s.reply("AUTH PLAIN " + b64("\0bob\0pw"))).isEqualTo("503 5.5.1 Bad sequence of commands");
  }

  @Test
  void transcriptMasksCredentials() {
    FakeSession s = new FakeSession().ehlo();
    String initial = b64("\0bob\0hunter2");
    s.run("AUTH PLAIN " + initial);
    s.run("RSET");
    FakeSession t = new FakeSession().ehlo();
    t.exchange.lines(b64("carol"), b64("hunter2"));
    t.run("AUTH LOGIN");
    assertThat(s.transcript()).extracting(Object::toString).containsExactly("C: EHLO client.test", "C: AUTH PLAIN ****", "C: RSET");
    assertThat(t.transcript()).extracting(Object::toString).containsExactly("C: EHLO client.test", "C: AUTH LOGIN", "C: ****", "C: ****");
    assertThat(s.transcript().toString() + t.transcript()).doesNotContain("hunter2", initial, b64("hunter2"), b64("carol"));
  }

  /** Answers the CRAM-MD5 challenge when it is sent: the digest depends on the server's nonce. */
  private static final class CramAnsweringExchange {
    static void answer(FakeSession s, String user, String password) {
      s.exchange.onSend = reply -> {
        if (reply.code() == 334) {
          try {
            s.exchange.lines(cramResponse(user, password, reply.lines().get(0)));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
    }
  }
}
