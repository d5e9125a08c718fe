package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Envelope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RCPT TO (RFC 5321 §4.1.1.3) with the DSN parameters (RFC 3461 §4), limits and strict mode. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RcptCommandTest {

  @Test
  void recipientsAreAddedInOrder() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("RCPT TO:<bob@y.test>")).isEqualTo("250 2.1.5 Recipient <bob@y.test> ok");
    assertThat(s.run("RCPT TO:<Carol@Z.test>").code()).isEqualTo(250);
    assertThat(s.session.state()).isEqualTo(SmtpState.RCPT);
    assertThat(s.session.transaction().recipients).extracting(Envelope.Recipient::address)
        .containsExactly("bob@y.test", "Carol@Z.test");
  }

  @Test
  void notifyAndOrcptAreRecordedPerRecipient() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.run("RCPT TO:<bob@y.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@y.test").code()).isEqualTo(250);
    assertThat(s.run("RCPT TO:<carol@y.test> NOTIFY=NEVER").code()).isEqualTo(250);
    s.exchange.body("x\r\n");
    s.run("DATA");
    assertThat(s.delivered.get(0).envelope().recipients()).containsExactly(
        new Envelope.Recipient("bob@y.test", Map.of("NOTIFY", "SUCCESS,FAILURE", "ORCPT", "rfc822;bob@y.test")),
        new Envelope.Recipient("carol@y.test", Map.of("NOTIFY", "NEVER")));
  }

  @Test
  void badDsnParametersGet501() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("RCPT TO:<bob@y.test> NOTIFY=SOMETIMES"))
        .isEqualTo("501 5.5.4 NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
    assertThat(s.reply("RCPT TO:<bob@y.test> ORCPT=bob@y.test")).isEqualTo("501 5.5.4 Syntax: ORCPT=addr-type;address");
    assertThat(s.session.state()).isEqualTo(SmtpState.MAIL);
  }

  @Test
  void unknownRcptParameterGets555() {
    assertThat(new FakeSession().mailTransaction("a@x.test").reply("RCPT TO:<bob@y.test> XFOO"))
        .startsWith("555 5.5.4");
  }

  @Test
  void badRecipientSyntaxGets501() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("RCPT TO:<>")).isEqualTo("501 5.1.3 Bad address syntax");
    assertThat(s.reply("RCPT TO:<bob>")).isEqualTo("501 5.1.3 Bad address syntax: <bob>");
    assertThat(s.reply("RCPT FROM:<bob@y.test>")).startsWith("501 5.5.4");
  }

  @Test
  void quotedLocalPartsAndAddressLiteralsAreAccepted() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("RCPT TO:<\"john doe>\"@y.test> NOTIFY=NEVER")).isEqualTo("250 2.1.5 Recipient <\"john doe>\"@y.test> ok");
    assertThat(s.run("RCPT TO:<bob@[192.0.2.1]>").code()).isEqualTo(250);
    assertThat(s.session.transaction().recipients).extracting(Envelope.Recipient::address)
        .containsExactly("\"john doe>\"@y.test", "bob@[192.0.2.1]");
  }

  @Test
  void postmasterWithoutDomainIsAccepted() {
    assertThat(new FakeSession().mailTransaction("a@x.test").run("RCPT TO:<Postmaster>").code()).isEqualTo(250);
  }

  @Test
  void recipientsPastTheLimitGet452() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), false, 1000, 2)).mailTransaction("a@x.test");
    s.run("RCPT TO:<r1@y.test>");
    s.run("RCPT TO:<r2@y.test>");
    assertThat(s.reply("RCPT TO:<r3@y.test>")).isEqualTo("452 4.5.3 Too many recipients");
    assertThat(s.session.transaction().recipients).hasSize(2);
    s.exchange.body("x\r\n");
    assertThat(s.run("DATA").code()).isEqualTo(250);
    assertThat(s.delivered.get(0).envelope().recipientAddresses()).containsExactly("r1@y.test", "r2@y.test");
  }

  @Test
  void nonAsciiRecipientNeedsSmtpUtf8() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("RCPT TO:<δοκιμή@παράδειγμα.test>")).isEqualTo("553 5.6.7 Non-ASCII address needs SMTPUTF8");
    s.run("RSET");
    s.run("MAIL FROM:<a@x.test> SMTPUTF8");
    assertThat(s.run("RCPT TO:<δοκιμή@παράδειγμα.test>").code()).isEqualTo(250);
  }

  @Test
  void strictModeRefusesUnknownRecipientsWith550() {
    FakeSession s = FakeSession.strict().mailTransaction("someone@outside.test");
    assertThat(s.reply("RCPT TO:<mallory@corp.test>")).isEqualTo("550 5.1.1 User unknown");
    assertThat(s.reply("RCPT TO:<ALICE@corp.test>")).isEqualTo("250 2.1.5 Recipient <ALICE@corp.test> ok");
    assertThat(s.session.transaction().recipients).hasSize(1);
  }

  @Test
  void openModeAcceptsAnyRecipient() {
    assertThat(new FakeSession().mailTransaction("a@x.test").run("RCPT TO:<anyone@anywhere.test>").code()).isEqualTo(250);
  }
}
