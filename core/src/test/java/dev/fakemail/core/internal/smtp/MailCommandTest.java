package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Listener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MAIL FROM and its parameters (RFC 5321 §4.1.1.2, RFC 1870, 6152, 6531, 3461, 4954). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MailCommandTest {

  @Test
  void mailStartsATransaction() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test>")).isEqualTo("250 2.1.0 Sender <alice@x.test> ok");
    assertThat(s.session.state()).isEqualTo(SmtpState.MAIL);
    assertThat(s.session.transaction().from).isEqualTo("alice@x.test");
  }

  @Test
  void nullSenderIsAccepted() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<>")).isEqualTo("250 2.1.0 Sender <> ok");
    s.run("RCPT TO:<b@y.test>");
    s.exchange.body("Subject: bounce\r\n\r\nx\r\n");
    assertThat(s.run("DATA").code()).isEqualTo(250);
    assertThat(s.delivered.get(0).envelope().from()).isEmpty();
  }

  @Test
  void commonClientLeniencyIsAccepted() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.run("MAIL FROM: <alice@x.test>").code()).isEqualTo(250);
    s.run("RSET");
    assertThat(s.run("MAIL FROM:alice@x.test").code()).isEqualTo(250);
    s.run("RSET");
    assertThat(s.run("MAIL FROM:<@relay.test:alice@x.test>").code()).isEqualTo(250);
    assertThat(s.session.transaction().from).isEqualTo("alice@x.test");
  }

  @Test
  void badSyntaxGets501() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL")).isEqualTo("501 5.5.4 Syntax: FROM:<address> [parameters]");
    assertThat(s.reply("MAIL TO:<alice@x.test>")).startsWith("501 5.5.4");
    assertThat(s.reply("MAIL FROM:<alice@x.test")).startsWith("501 5.5.4");
    assertThat(s.reply("MAIL FROM:<alice@x.test>SIZE=10")).startsWith("501 5.5.4");
    assertThat(s.reply("MAIL FROM:<no-at-sign>")).isEqualTo("501 5.1.7 Bad address syntax: <no-at-sign>");
    assertThat(s.reply("MAIL FROM:<a..b@x.test>")).startsWith("501 5.1.7");
    assertThat(s.reply("MAIL FROM:<a b@x.test>")).startsWith("501");
    assertThat(s.reply("MAIL FROM:<alice@-x.test>")).startsWith("501 5.1.7");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void declaredSizeOverTheLimitGets552() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test> SIZE=1001"))
        .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
    assertThat(s.run("MAIL FROM:<alice@x.test> SIZE=1000").code()).isEqualTo(250);
    assertThat(s.session.transaction().fromParameters).containsEntry("SIZE", "1000");
  }

  @Test
  void sizeThatIsNotANumberGets501() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test> SIZE=big")).isEqualTo("501 5.5.4 Syntax: SIZE=<octets>");
    assertThat(s.reply("MAIL FROM:<alice@x.test> SIZE=-1")).isEqualTo("501 5.5.4 Syntax: SIZE=<octets>");
    assertThat(s.reply("MAIL FROM:<alice@x.test> SIZE=99999999999999999999")).startsWith("501 5.5.4");
  }

  @Test
  void bodyParameterIsCheckedAndRecorded() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test> BODY=BINARYMIME")).isEqualTo("555 5.5.4 BODY must be 7BIT or 8BITMIME");
    assertThat(s.run("MAIL FROM:<alice@x.test> body=8bitmime").code()).isEqualTo(250);
    assertThat(s.session.transaction().fromParameters).containsEntry("BODY", "8bitmime");
  }

  @Test
  void nonAsciiSenderWithoutSmtpUtf8Gets553() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<jörg@bücher.test>")).isEqualTo("553 5.6.7 Non-ASCII address needs SMTPUTF8");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void nonAsciiSenderWithSmtpUtf8IsAccepted() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<jörg@bücher.test> SMTPUTF8")).isEqualTo("250 2.1.0 Sender <jörg@bücher.test> ok");
    assertThat(s.reply("MAIL FROM:<a@x.test> SMTPUTF8=yes")).startsWith("503"); // already in a transaction
    s.run("RSET");
    assertThat(s.reply("MAIL FROM:<a@x.test> SMTPUTF8=yes")).isEqualTo("555 5.5.4 SMTPUTF8 takes no value");
  }

  @Test
  void unknownParameterGets555() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test> FOO=bar"))
        .isEqualTo("555 5.5.4 MAIL FROM/RCPT TO parameters not recognized or not implemented");
    assertThat(s.reply("MAIL FROM:<alice@x.test> =bar")).startsWith("501 5.5.4");
  }

  @Test
  void dsnAndAuthParametersAreRecordedInTheEnvelope() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.run("MAIL FROM:<alice@x.test> RET=HDRS ENVID=QQ314159 AUTH=<>").code()).isEqualTo(250);
    s.run("RCPT TO:<b@y.test>");
    s.exchange.body("x\r\n");
    s.run("DATA");
    assertThat(s.delivered.get(0).envelope().fromParameters())
        .isEqualTo(Map.of("RET", "HDRS", "ENVID", "QQ314159", "AUTH", "<>"));
  }

  @Test
  void badDsnRetGets501() {
    assertThat(new FakeSession().ehlo().reply("MAIL FROM:<alice@x.test> RET=ALL")).isEqualTo("501 5.5.4 RET must be FULL or HDRS");
  }

  @Test
  void submissionWithAuthRequiredRefusesMailBeforeAuth() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), true, 1000, 1000));
    s.exchange.listener = Listener.SUBMISSION;
    s.ehlo();
    assertThat(s.reply("MAIL FROM:<alice@x.test>")).isEqualTo("530 5.7.0 Authentication required");
    assertThat(s.run("AUTH PLAIN AGFsaWNlAHNlY3JldA==").code()).isEqualTo(235);
    assertThat(s.run("MAIL FROM:<alice@x.test>").code()).isEqualTo(250);
  }

  @Test
  void authRequiredDoesNotApplyToThePort25Listener() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), true, 1000, 1000));
    s.ehlo();
    assertThat(s.run("MAIL FROM:<alice@x.test>").code()).isEqualTo(250);
  }
}
