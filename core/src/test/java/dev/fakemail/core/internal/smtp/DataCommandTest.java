package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DATA (RFC 5321 §4.1.1.4) and BDAT (RFC 3030) against a scripted exchange. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DataCommandTest {
  private static final String BODY = "From: a@x.test\r\nTo: b@y.test\r\nSubject: hi\r\n\r\nHello\r\n";

  @Test
  void dataSends354ThenStoresTheExactBytes() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test", "c@y.test");
    s.exchange.body(BODY);
    assertThat(s.reply("DATA")).isEqualTo("250 2.0.0 Ok: queued as 1");
    assertThat(s.exchange.sent).extracting(SmtpReply::toWire)
        .containsExactly("354 Start mail input; end with <CRLF>.<CRLF>\r\n");
    ReceivedMessage m = s.delivered.get(0);
    assertThat(m.raw()).isEqualTo(BODY.getBytes(StandardCharsets.US_ASCII));
    assertThat(m.envelope().from()).isEqualTo("a@x.test");
    assertThat(m.envelope().recipientAddresses()).containsExactly("b@y.test", "c@y.test");
    assertThat(m.session().helo()).isEqualTo("client.test");
    assertThat(m.session().clientAddress()).isEqualTo("192.0.2.7");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void aSecondMessageNeedsANewTransaction() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.body(BODY).body(BODY);
    s.run("DATA");
    assertThat(s.reply("DATA")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.delivered).hasSize(1);
  }

  @Test
  void dataWithoutRecipientsGets554AndReadsNothing() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    assertThat(s.reply("DATA")).isEqualTo("554 5.5.1 No valid recipients");
    assertThat(s.exchange.sent).isEmpty();
  }

  @Test
  void dataWithAnArgumentIsASyntaxError() {
    assertThat(new FakeSession().mailTransaction("a@x.test", "b@y.test").reply("DATA now")).isEqualTo("501 5.5.4 Syntax: DATA");
  }

  @Test
  void messageOverTheSizeLimitGets552AndIsNotStored() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), false, 20, 10)).mailTransaction("a@x.test", "b@y.test");
    s.exchange.body("x".repeat(21));
    assertThat(s.reply("DATA")).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
    assertThat(s.delivered).isEmpty();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void messageOfExactlyTheLimitIsStored() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), false, 20, 10)).mailTransaction("a@x.test", "b@y.test");
    s.exchange.body("x".repeat(20));
    assertThat(s.run("DATA").code()).isEqualTo(250);
    assertThat(s.delivered.get(0).size()).isEqualTo(20);
  }

  @Test
  void fullStoreGets452AndTheTransactionEnds() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.refuseDeliveries(SmtpReply.STORAGE_FULL);
    s.exchange.body(BODY);
    assertThat(s.reply("DATA")).isEqualTo("452 4.3.1 Insufficient system storage");
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void deliveredMessageIdIsInTheSessionRecord() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.body(BODY);
    s.run("DATA");
    assertThat(s.log.snapshot().get(0).messageIds()).containsExactly("1");
  }

  @Test
  void bdatChunksAreJoinedAndLastDelivers() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("Subject: chunks\r\n\r\nfirst ").octets("second\r\n").octets(".\r\n");
    assertThat(s.reply("BDAT 25")).isEqualTo("250 2.0.0 25 octets received");
    assertThat(s.reply("BDAT 8")).isEqualTo("250 2.0.0 8 octets received");
    assertThat(s.delivered).isEmpty();
    assertThat(s.reply("BDAT 3 LAST")).isEqualTo("250 2.0.0 Ok: queued as 1");
    assertThat(s.delivered.get(0).rawString()).isEqualTo("Subject: chunks\r\n\r\nfirst second\r\n.\r\n");
    assertThat(s.exchange.unreadOctets()).isZero();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void bdatZeroLastEndsTheMessage() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("abc");
    s.run("BDAT 3");
    assertThat(s.run("bdat 0 last").code()).isEqualTo(250);
    assertThat(s.delivered.get(0).rawString()).isEqualTo("abc");
  }

  @Test
  void bdatWithoutMailStillConsumesTheChunk() {
    FakeSession s = new FakeSession().ehlo();
    s.exchange.octets("MAIL FROM:<evil@x.test>\r\n");
    assertThat(s.reply("BDAT 25 LAST")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.exchange.unreadOctets()).isZero();
    assertThat(s.delivered).isEmpty();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void bdatBeforeGreetingStillConsumesTheChunk() {
    FakeSession s = new FakeSession();
    s.exchange.octets("12345");
    assertThat(s.run("BDAT 5").code()).isEqualTo(503);
    assertThat(s.exchange.unreadOctets()).isZero();
  }

  @Test
  void bdatWithoutRecipientsGets554AndConsumesTheChunk() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test");
    s.exchange.octets("12345");
    assertThat(s.reply("BDAT 5 LAST")).isEqualTo("554 5.5.1 No valid recipients");
    assertThat(s.exchange.unreadOctets()).isZero();
  }

  @Test
  void bdatWithBadArgumentsIsASyntaxError() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    assertThat(s.reply("BDAT")).isEqualTo("501 5.5.4 Syntax: BDAT chunk-size [LAST]");
    assertThat(s.reply("BDAT -1")).startsWith("501 5.5.4");
    assertThat(s.reply("BDAT ten LAST")).startsWith("501 5.5.4");
    s.exchange.octets("x");
    assertThat(s.reply("BDAT 1 LAST NOW")).startsWith("501 5.5.4");
    assertThat(s.exchange.unreadOctets()).isZero();
  }

  @Test
  void bdatWithAValidSizeButBadKeywordStillConsumesTheChunk() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("QUIT\r\n");
    assertThat(s.reply("BDAT 6 SOON")).isEqualTo("501 5.5.4 Syntax: BDAT chunk-size [LAST]");
    assertThat(s.exchange.unreadOctets()).isZero();
    assertThat(s.delivered).isEmpty();
  }

  @Test
  void dataAndRcptAfterBdatAreOutOfSequence() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("abc");
    s.run("BDAT 3");
    assertThat(s.reply("DATA")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.reply("RCPT TO:<c@y.test>")).isEqualTo("503 5.5.1 Bad sequence of commands");
    assertThat(s.exchange.sent).isEmpty();
  }

  @Test
  void bdatOverTheSizeLimitGets552AtLast() {
    FakeSession s = new FakeSession(FakeSession.config(List.of(), false, 10, 10)).mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("0123456789").octets("x");
    assertThat(s.run("BDAT 10").code()).isEqualTo(250);
    assertThat(s.reply("BDAT 1 LAST")).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
    assertThat(s.delivered).isEmpty();
    assertThat(s.session.state()).isEqualTo(SmtpState.READY);
  }

  @Test
  void rsetDropsChunksReceivedSoFar() {
    FakeSession s = new FakeSession().mailTransaction("a@x.test", "b@y.test");
    s.exchange.octets("old").octets("new");
    s.run("BDAT 3");
    s.run("RSET");
    s.run("MAIL FROM:<a@x.test>");
    s.run("RCPT TO:<b@y.test>");
    s.run("BDAT 3 LAST");
    assertThat(s.delivered.get(0).rawString()).isEqualTo("new");
  }
}
