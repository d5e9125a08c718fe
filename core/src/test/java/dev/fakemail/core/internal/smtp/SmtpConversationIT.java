package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SMTP conversations over a raw socket: pipelining, BDAT, dot transparency, 8-bit and UTF-8, smuggling. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpConversationIT {
  private FakeMailServer server;
  private SmtpConversation smtp;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP).start();
    smtp = SmtpConversation.connect(server.host(), server.smtpPort());
  }

  @AfterEach
  void stop() {
    smtp.close();
    server.close();
  }

  private ReceivedMessage onlyMessage() {
    List<ReceivedMessage> all = server.messages(MessageFilter.any());
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void greetingNamesTheServer() {
    assertThat(smtp.reply()).isEqualTo("220 localhost ESMTP fakemail ready");
  }

  @Test
  void pipelinedCommandsGetTheirRepliesInOrderAndInOneGroup() {
    smtp.expect("220 ");
    smtp.sendRaw("EHLO client.test\r\nMAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\n"
        + "RCPT TO:<bad>\r\nDATA\r\n");
    String first = smtp.readOnce();
    // All six replies came in a single read: the server flushed once, at the 354.
    assertThat(first).startsWith("250-localhost Hello client.test").endsWith("354 Start mail input; end with <CRLF>.<CRLF>\r\n");
    assertThat(first.split("\r\n")).filteredOn(l -> l.matches("\\d{3} .*")).containsExactly(
        "250 HELP",
        "250 2.1.0 Sender <a@x.test> ok",
        "250 2.1.5 Recipient <b@y.test> ok",
        "250 2.1.5 Recipient <c@y.test> ok",
        "501 5.1.3 Bad address syntax: <bad>",
        "354 Start mail input; end with <CRLF>.<CRLF>");
    smtp.sendRaw("Subject: pipelined\r\n\r\nbody\r\n.\r\nQUIT\r\n").expect("250 2.0.0 Ok: queued as ").expect("221 ");
    assertThat(onlyMessage().envelope().recipientAddresses()).containsExactly("b@y.test", "c@y.test");
  }

  @Test
  void severalMessagesPipelinedInOneWriteAreAllStored() {
    smtp.expect("220 ").sendExpect("EHLO client.test", "250 ");
    StringBuilder batch = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      batch.append("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nBDAT 12 LAST\r\n").append("message no.").append(i);
    }
    smtp.sendRaw(batch.append("QUIT\r\n").toString());
    for (int i = 1; i <= 5; i++) {
      smtp.expect("250 2.1.0").expect("250 2.1.5").expect("250 2.0.0 Ok: queued as ");
    }
    smtp.expect("221 ").expectClosed();
    assertThat(server.messages(MessageFilter.any())).extracting(ReceivedMessage::rawString)
        .containsExactly("message no.1", "message no.2", "message no.3", "message no.4", "message no.5");
  }

  @Test
  void bdatChunksAreStoredExactlyWithoutUnstuffing() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test> BODY=8BITMIME", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ");
    String chunk1 = "Subject: chunked\r\n\r\n..not unstuffed\r\n.\r\n";
    String chunk2 = "QUIT\r\nstill content\r\n";
    smtp.sendRaw("BDAT " + chunk1.length() + "\r\n" + chunk1).expect("250 2.0.0 " + chunk1.length() + " octets received");
    smtp.sendRaw("BDAT " + chunk2.length() + " LAST\r\n" + chunk2).expect("250 2.0.0 Ok: queued as ");
    smtp.sendExpect("NOOP", "250 ");
    assertThat(onlyMessage().rawString()).isEqualTo(chunk1 + chunk2);
  }

  @Test
  void bdatWithoutMailConsumesItsChunkAndTheSessionStaysInStep() {
    smtp.greetAndEhlo();
    String chunk = "MAIL FROM:<evil@x.test>\r\nRSET\r\n";
    smtp.sendRaw("BDAT " + chunk.length() + " LAST\r\n" + chunk).expect("503 5.5.1");
    smtp.sendExpect("RCPT TO:<b@y.test>", "503 5.5.1").sendExpect("NOOP", "250 ");
    assertThat(server.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void overLongAuthResponseGets500AndTheSessionContinues() {
    smtp.greetAndEhlo().sendExpect("AUTH LOGIN", "334 VXNlcm5hbWU6");
    smtp.sendExpect("A".repeat(SmtpConfig.MAX_AUTH_LINE + 100), "500 5.5.2 Line too long");
    smtp.sendExpect("NOOP", "250 ").sendExpect("MAIL FROM:<a@x.test>", "250 ");
  }

  @Test
  void bdatWithABadKeywordStaysInStep() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ");
    smtp.sendRaw("BDAT 6 SOON\r\nQUIT\r\n").expect("501 5.5.4");
    smtp.sendExpect("NOOP", "250 2.0.0 Ok");
  }

  @Test
  void dotStuffedLinesAreUnstuffedExactly() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ");
    smtp.sendRaw("Subject: dots\r\n\r\n..\r\n...\r\n..leading\r\nmiddle . dot\r\n. \r\n.x\r\n\r\n.\r\n").expect("250 ");
    assertThat(onlyMessage().rawString()).isEqualTo("Subject: dots\r\n\r\n.\r\n..\r\n.leading\r\nmiddle . dot\r\n \r\nx\r\n\r\n");
  }

  @Test
  void messageIsInTheStoreBeforeItsReplyIsSent() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ");
    String reply = smtp.sendRaw("Subject: stored first\r\n\r\nx\r\n.\r\n").reply();
    assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
    String id = reply.substring("250 2.0.0 Ok: queued as ".length());
    assertThat(server.message(id)).get().extracting(ReceivedMessage::subject).isEqualTo("stored first"); // no waiting
  }

  @Test
  void emptyMessageIsStoredAsZeroOctets() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ");
    smtp.sendRaw(".\r\n").expect("250 ");
    assertThat(onlyMessage().size()).isZero();
  }

  @Test
  void dataSplitAcrossManyWritesIsReassembledExactly() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ");
    String wire = "Subject: split\r\n\r\n..a\r\nb\r\n.\r\n";
    for (char c : wire.toCharArray()) {
      smtp.sendRaw(String.valueOf(c)); // one octet per write: every state of the terminator crosses a read
    }
    smtp.expect("250 ");
    assertThat(onlyMessage().rawString()).isEqualTo("Subject: split\r\n\r\n.a\r\nb\r\n");
  }

  @Test
  void smtpUtf8AddressesAndEightBitBodyAreStoredByteExact() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    body.write("Grüße, Jörg — 日本語\r\n".getBytes(StandardCharsets.UTF_8));
    body.write(new byte[] {(byte) 0xE9, (byte) 0xFF, 0x00, (byte) 0x80, '\r', '\n'}); // not UTF-8 at all
    byte[] expected = body.toByteArray();
    smtp.greetAndEhlo()
        .sendExpect("MAIL FROM:<jörg@bücher.test> SMTPUTF8 BODY=8BITMIME", "250 2.1.0 Sender <jörg@bücher.test> ok")
        .sendExpect("RCPT TO:<δοκιμή@παράδειγμα.test>", "250 2.1.5 Recipient <δοκιμή@παράδειγμα.test> ok")
        .sendExpect("DATA", "354 ");
    body.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
    smtp.sendRaw(body.toByteArray()).expect("250 ");
    ReceivedMessage m = server.awaitMessage(MessageFilter.to("δοκιμή@παράδειγμα.test"), Duration.ofSeconds(5));
    assertThat(m.raw()).isEqualTo(expected);
    assertThat(m.envelope().from()).isEqualTo("jörg@bücher.test");
    assertThat(m.envelope().fromParameters()).containsEntry("SMTPUTF8", "").containsEntry("BODY", "8BITMIME");
    assertThat(m.subject()).isEqualTo("Grüße");
  }

  @Test
  void nonAsciiAddressWithoutSmtpUtf8IsRefusedOnTheWire() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<jörg@bücher.test>", "553 5.6.7 ");
  }

  /**
   * SMTP smuggling: only CRLF.CRLF ends DATA. Each sequence below stays content of the one message,
   * and the commands behind it are never run. {@code <CRLF>.<LF>} starts a line (after CRLF) with a
   * dot followed by other octets, so that dot is removed as stuffing (RFC 5321 §4.5.2) and the LF is
   * kept; the other three keep all their octets.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "<LF>.<LF>,   '\n.\n',     '\n.\n'",
      "<LF>.<CRLF>, '\n.\r\n',   '\n.\r\n'",
      "<CRLF>.<LF>, '\r\n.\n',   '\r\n\n'",
      "<CR>.<CR>,   '\r.\r',     '\r.\r'"})
  void smugglingSequenceNeverEndsTheMessage(String name, String sequence, String stored) {
    String smuggled = "MAIL FROM:<smuggler@evil.test>\r\nRCPT TO:<victim@y.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n";
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ").sendExpect("DATA", "354 ");
    smtp.sendRaw("Subject: carrier\r\n\r\nhello" + sequence + smuggled + ".\r\n");
    smtp.expect("250 2.0.0 Ok: queued as ").sendExpect("NOOP", "250 2.0.0 Ok").sendExpect("QUIT", "221 ");
    ReceivedMessage m = onlyMessage();
    assertThat(m.envelope().from()).isEqualTo("a@x.test");
    assertThat(m.envelope().recipientAddresses()).containsExactly("b@y.test");
    assertThat(m.rawString()).isEqualTo("Subject: carrier\r\n\r\nhello" + stored + smuggled);
    assertThat(server.messages(MessageFilter.to("victim@y.test"))).isEmpty();
  }

  @Test
  void bareLfEndsACommandLine() {
    smtp.expect("220 ").sendRaw("EHLO client.test\nNOOP\n").expect("250 ").expect("250 2.0.0 Ok");
  }

  @Test
  void authLineLongerThanACommandLineIsAccepted() {
    String initial = AuthCommandTest.b64("\0alice\0" + "p".repeat(3000));
    smtp.greetAndEhlo().sendExpect("AUTH PLAIN " + initial, "235 2.7.0 ");
    assertThat(server.sessions().get(0).authUser()).isEqualTo("alice");
  }

  @Test
  void resetAndNewTransactionInOneSession() {
    smtp.greetAndEhlo().sendExpect("MAIL FROM:<a@x.test>", "250 ").sendExpect("RCPT TO:<b@y.test>", "250 ")
        .sendExpect("RSET", "250 ").sendExpect("MAIL FROM:<c@x.test>", "250 ").sendExpect("RCPT TO:<d@y.test>", "250 ")
        .sendExpect("DATA", "354 ").sendRaw("x\r\n.\r\n").expect("250 ");
    assertThat(onlyMessage().envelope().from()).isEqualTo("c@x.test");
    assertThat(onlyMessage().envelope().recipientAddresses()).containsExactly("d@y.test");
  }
}
