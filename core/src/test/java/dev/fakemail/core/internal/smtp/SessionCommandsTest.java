package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EHLO, HELO, RSET, NOOP, VRFY, EXPN, HELP, QUIT, and the server's sequence and syntax errors. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SessionCommandsTest {

  @Test
  void ehloListsEveryExtension() {
    FakeSession s = new FakeSession();
    SmtpReply r = s.run("EHLO client.test");
    assertThat(r.code()).isEqualTo(250);
    assertThat(r.lines().get(0)).isEqualTo("mx.fake.test Hello client.test [192.0.2.7]");
    assertThat(r.lines()).containsSubsequence("PIPELINING", "SIZE 1000", "8BITMIME", "SMTPUTF8",
        "ENHANCEDSTATUSCODES", "STARTTLS", "AUTH PLAIN LOGIN CRAM-MD5", "DSN", "CHUNKING");
    assertThat(s.session.helo()).isEqualTo("client.test");
    assertThat(s.session.esmtp()).isTrue();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void ehloReplyIsMultiLineOnTheWire() {
    String wire = new FakeSession().run("EHLO client.test").toWire();
    assertThat(wire).startsWith("250-mx.fake.test Hello").contains("\r\n250-PIPELINING\r\n").endsWith("\r\n250 HELP\r\n");
  }

  @Test
  void ehloDoesNotOfferStartTlsWithoutTlsMaterial() {
    FakeSession s = new FakeSession();
    s.exchange.tlsAvailable = false;
    assertThat(s.run("EHLO client.test").lines()).doesNotContain("STARTTLS").contains("CHUNKING");
  }

  @Test
  void ehloWithoutDomainIsASyntaxError() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("EHLO")).isEqualTo("501 5.5.4 Syntax: EHLO domain");
    assertThat(s.reply("EHLO two words")).startsWith("501 5.5.4");
    assertThat(s.session.state()).isEqualTo(SmtpState.CONNECTED);
  }

  @Test
  void ehloAbortsATransaction() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    assertThat(s.session.state()).isEqualTo(SmtpState.RCPT);
    assertThat(s.run("EHLO again.test").code()).isEqualTo(250);
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
    assertThat(s.session.helo()).isEqualTo("again.test");
  }

  @Test
  void heloGreetsWithOneLineAndNoExtensions() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("HELO client.test")).isEqualTo("250 mx.fake.test Hello client.test [192.0.2.7]");
    assertThat(s.session.esmtp()).isFalse();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
    assertThat(s.reply("HELO")).isEqualTo("501 5.5.4 Syntax: HELO domain");
  }

  @Test
  void verbsAreCaseInsensitive() {
    FakeSession s = new FakeSession();
    assertThat(s.run("ehlo client.test").code()).isEqualTo(250);
    assertThat(s.run("mail from:<a@x.test>").code()).isEqualTo(250);
    assertThat(s.run("Rcpt To:<b@y.test>").code()).isEqualTo(250);
  }

  @Test
  void rsetClearsTheTransactionOnly() {
    FakeSession s = new FakeSession();
    s.ehlo();
    assertThat(s.run("AUTH PLAIN AGFsaWNlAHNlY3JldA==").code()).isEqualTo(235);
    s.run("MAIL FROM:<a@x.test>");
    s.run("RCPT TO:<b@y.test>");
    assertThat(s.reply("RSET")).isEqualTo("250 2.0.0 Ok");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
    assertThat(s.session.helo()).isEqualTo("client.test");
    assertThat(s.session.authUser()).isEqualTo("alice");
    assertThat(s.reply("RCPT TO:<b@y.test>")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.run("MAIL FROM:<c@x.test>").code()).isEqualTo(250);
  }

  @Test
  void rsetWithArgumentsIsASyntaxError() {
    assertThat(new FakeSession().ehlo().reply("RSET now")).isEqualTo("501 5.5.4 Syntax: RSET");
  }

  @Test
  void rsetIsValidBeforeAGreeting() {
    FakeSession s = new FakeSession();
    assertThat(s.run("RSET").code()).isEqualTo(250);
    assertThat(s.session.state()).isEqualTo(SmtpState.CONNECTED);
  }

  @Test
  void noopAnswersOkInAnyStateAndChangesNothing() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("NOOP")).isEqualTo("250 2.0.0 Ok");
    s.mailTransaction("a@x.test", "b@y.test");
    assertThat(s.reply("NOOP whatever")).isEqualTo("250 2.0.0 Ok");
    assertThat(s.session.state()).isEqualTo(SmtpState.RCPT);
  }

  @Test
  void vrfyAnswers252WithoutVerifying() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("VRFY bob@example.test"))
        .isEqualTo("252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery");
    assertThat(s.reply("VRFY")).isEqualTo("501 5.5.4 Syntax: VRFY user");
  }

  @Test
  void expnIsNotImplemented() {
    assertThat(new FakeSession().reply("EXPN staff")).isEqualTo("502 5.5.1 Command not implemented");
  }

  @Test
  void helpListsTheCommands() {
    SmtpReply r = new FakeSession().run("HELP");
    assertThat(r.code()).isEqualTo(214);
    assertThat(r.enhanced()).isEqualTo("2.0.0");
    assertThat(r.lines().get(0)).contains("EHLO", "MAIL", "RCPT", "DATA", "BDAT", "STARTTLS", "AUTH", "QUIT");
  }

  @Test
  void quitSaysByeAndEndsTheSession() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    assertThat(s.session.quit()).isFalse();
    assertThat(s.reply("QUIT")).isEqualTo("221 2.0.0 Bye");
    assertThat(s.session.quit()).isTrue();
    assertThat(s.delivered).isEmpty();
  }

  @Test
  void unknownCommandGets500() {
    FakeSession s = new FakeSession();
    assertThat(s.reply("GET / HTTP/1.1")).isEqualTo("500 5.5.1 Command unrecognized");
    assertThat(s.reply("")).isEqualTo("500 5.5.1 Command unrecognized");
    assertThat(s.reply("XYZZY")).isEqualTo("500 5.5.1 Command unrecognized");
  }

  @Test
  void mailBeforeGreetingAsksForEhlo() {
    assertThat(new FakeSession().reply("MAIL FROM:<a@x.test>")).isEqualTo("503 5.5.1 Send EHLO or HELO first");
  }

  @Test
  void rcptBeforeMailIsRejected() {
    assertThat(new FakeSession().ehlo().reply("RCPT TO:<b@y.test>")).isEqualTo("503 5.5.1 Bad sequence of commands");
  }

  @Test
  void dataBeforeMailIsRejected() {
    FakeSession s = new FakeSession().ehlo();
    assertThat(s.reply("DATA")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.exchange.sent).isEmpty();
  }

  @Test
  void secondMailInATransactionIsRejected() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("MAIL FROM:<c@x.test>")).isEqualTo("503 5.5.1 Bad sequence of commands");
  }

  @Test
  void commandLineOverTheLimitGets500AndIsNotRun() {
    FakeSession s = new FakeSession().ehlo();
    String local = "a".repeat(SmtpConfig.MAX_COMMAND_LINE);
    assertThat(s.reply("MAIL FROM:<" + local + "@x.test>")).isEqualTo("500 5.5.2 Line too long");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void everyLineIsInTheTranscript() {
    FakeSession s = new FakeSession();
    s.run("EHLO client.test");
    s.run("NOOP");
    assertThat(s.transcript()).extracting(Object::toString).containsExactly("C: EHLO client.test", "C: NOOP");
  }
}
