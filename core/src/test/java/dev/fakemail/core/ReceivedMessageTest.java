package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ReceivedMessage: raw bytes kept exactly, the parsed view on demand, and a broken message that degrades. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReceivedMessageTest {
  private static final SessionInfo SESSION = new SessionInfo("smtp-1", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");

  private static ReceivedMessage message(byte[] raw, String... to) {
    return ReceivedMessage.of("7", Instant.parse("2026-01-01T00:00:00Z"), Envelope.of("a@x.test", List.of(to)), SESSION, raw);
  }

  @Test
  void rawIsACopyOfTheExactBytes() {
    byte[] bytes = "Subject: s\r\n\r\n\u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1);
    ReceivedMessage m = message(bytes, "b@y.test");
    bytes[0] = 'X';
    byte[] raw = m.raw();
    assertThat(raw[0]).isEqualTo((byte) 'S');
    raw[1] = 'X';
    assertThat(m.raw()[1]).isEqualTo((byte) 'u');
    assertThat(m.size()).isEqualTo(17);
  }

  @Test
  void parsedViewOfATypicalMessage() {
    ReceivedMessage m = message(("From: =?UTF-8?Q?J=C3=B6rg?= <joerg@x.test>\r\nTo: Bob <bob@y.test>\r\nCc: carol@y.test\r\n"
        + "Subject: =?UTF-8?B?w4RyZ2Vy?=\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
        + "--a\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nplain\r\n--a\r\nContent-Type: text/html\r\n\r\n<i>html</i>\r\n--a--\r\n")
        .getBytes(StandardCharsets.UTF_8), "bob@y.test", "carol@y.test", "hidden@y.test");
    assertThat(m.subject()).isEqualTo("Ärger");
    assertThat(m.from()).containsExactly(new MailAddress("Jörg", "joerg@x.test"));
    assertThat(m.to()).containsExactly(new MailAddress("Bob", "bob@y.test"));
    assertThat(m.cc()).containsExactly(new MailAddress("", "carol@y.test"));
    assertThat(m.bcc()).containsExactly(new MailAddress("", "hidden@y.test"));
    assertThat(m.envelopeRecipients()).containsExactly("bob@y.test", "carol@y.test", "hidden@y.test");
    assertThat(m.envelopeSender()).isEqualTo("a@x.test");
    assertThat(m.text()).isEqualTo("plain");
    assertThat(m.html()).isEqualTo("<i>html</i>");
    assertThat(m.header("subject")).containsExactly("=?UTF-8?B?w4RyZ2Vy?=");
    assertThat(m.parseError()).isEmpty();
    assertThat(m.isFor("HIDDEN@y.test")).isTrue();
    assertThat(m.summary()).isEqualTo("#7 from <a@x.test> to [bob@y.test, carol@y.test, hidden@y.test] subject \"Ärger\"");
  }

  @Test
  void brokenMessageDegradesWithParseErrorAndRawIntact() {
    byte[] raw = ("Subject: still readable\r\nContent-Type: multipart/mixed; boundary=gone\r\n\r\n"
        + "no boundary ever appears\r\n\u0000\u0001 binary junk\r\n").getBytes(StandardCharsets.ISO_8859_1);
    ReceivedMessage m = message(raw, "b@y.test");
    assertThatCode(() -> {
      m.text();
      m.html();
      m.attachments();
      m.from();
      m.date();
    }).doesNotThrowAnyException();
    assertThat(m.parseError()).isPresent();
    assertThat(m.subject()).isEqualTo("still readable");
    assertThat(m.raw()).isEqualTo(raw);
    assertThat(m.text()).isEmpty();
    assertThat(m.toString()).contains("still readable");
  }

  @Test
  void attachmentsAreCopiesTheCallerCannotChange() {
    ReceivedMessage m = message(("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nt\r\n"
        + "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=a.bin\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII), "b@y.test");
    Attachment a = m.attachments().get(0);
    assertThat(a.content()).containsExactly(0, 1, 2, 3);
    a.content()[0] = 9;
    assertThat(m.attachments().get(0).content()).containsExactly(0, 1, 2, 3);
    assertThat(a.toString()).isEqualTo("Attachment[a.bin, application/octet-stream, 4 bytes]");
  }
}
