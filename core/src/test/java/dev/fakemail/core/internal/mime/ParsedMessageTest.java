package dev.fakemail.core.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.Header;
import dev.fakemail.core.MailAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The parsed view: encoded words, RFC 2231 parameters, charsets, multiparts, attachments, broken input. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ParsedMessageTest {

  private static ParsedMessage parse(String message) {
    return ParsedMessage.parse(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rfc2047SubjectInBase64AndQuotedPrintableIsDecoded() {
    assertThat(parse("Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\n\r\nx\r\n").subject()).isEqualTo("Grüße aus Köln");
    assertThat(parse("Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me?=\r\n\r\nx\r\n").subject()).isEqualTo("Café crème");
  }

  @Test
  void adjacentEncodedWordsAndFoldedSubjectsAreJoined() {
    ParsedMessage p = parse("Subject: =?UTF-8?Q?Hello_?=\r\n =?UTF-8?Q?W=C3=B6rld?= and\r\n\tmore\r\n\r\nx\r\n");
    assertThat(p.subject()).isEqualTo("Hello Wörld and\tmore");
    assertThat(p.error()).isNull();
  }

  @Test
  void displayNamesAreDecoded() {
    ParsedMessage p = parse("From: =?ISO-8859-1?Q?Andr=E9_M=FCller?= <andre@x.test>\r\n"
        + "To: \"Smith, John\" <john@y.test>, plain@y.test, =?UTF-8?B?5bGx55Sw?= <yamada@jp.test>\r\n"
        + "Cc: team: ann@y.test, bo@y.test;\r\n"
        + "Reply-To: Replies <replies@x.test>\r\n\r\nx\r\n");
    assertThat(p.from()).containsExactly(new MailAddress("André Müller", "andre@x.test"));
    assertThat(p.to()).containsExactly(new MailAddress("Smith, John", "john@y.test"), new MailAddress("", "plain@y.test"),
        new MailAddress("山田", "yamada@jp.test"));
    assertThat(p.cc()).extracting(MailAddress::address).containsExactly("ann@y.test", "bo@y.test");
    assertThat(p.replyTo()).containsExactly(new MailAddress("Replies", "replies@x.test"));
  }

  @Test
  void headersKeepTheirOrderAndAreUnfolded() {
    ParsedMessage p = parse("Received: from a\r\n\tby b\r\nX-Custom: one\r\nSubject: s\r\nX-Custom: two\r\n"
        + "Date: Tue, 3 Mar 2026 10:15:00 +0100\r\nMessage-ID: <abc.123@x.test>\r\n\r\nx\r\n");
    assertThat(p.headers()).containsExactly(new Header("Received", "from a\tby b"), new Header("X-Custom", "one"),
        new Header("Subject", "s"), new Header("X-Custom", "two"), new Header("Date", "Tue, 3 Mar 2026 10:15:00 +0100"),
        new Header("Message-ID", "<abc.123@x.test>"));
    assertThat(p.date()).isEqualTo(Instant.parse("2026-03-03T09:15:00Z"));
    assertThat(p.messageId()).isEqualTo("<abc.123@x.test>");
  }

  @Test
  void latin1BodyIsDecodedWithItsCharset() {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    raw.writeBytes("Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    raw.writeBytes("Caf\u00e9 \u00e0 la cr\u00e8me\r\n".getBytes(StandardCharsets.ISO_8859_1));
    ParsedMessage p = ParsedMessage.parse(raw.toByteArray());
    assertThat(p.text()).isEqualTo("Café à la crème\r\n");
    assertThat(p.error()).isNull();
  }

  @Test
  void quotedPrintableAndBase64BodiesAreDecoded() {
    assertThat(parse("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "Gr=C3=BC=C3=9Fe, a very long line that was soft=\r\n-broken\r\n").text())
        .isEqualTo("Grüße, a very long line that was soft-broken\r\n");
    String b64 = Base64.getMimeEncoder().encodeToString("Windows: \u20ac 5".getBytes(java.nio.charset.Charset.forName("windows-1252")));
    assertThat(parse("Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n").text())
        .isEqualTo("Windows: € 5");
  }

  @Test
  void unknownCharsetFallsBackToUtf8AndSaysSo() {
    ParsedMessage p = parse("Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nplain ascii and ü\r\n");
    assertThat(p.text()).isEqualTo("plain ascii and ü\r\n");
    assertThat(p.error()).contains("charset");
  }

  @Test
  void messageWithoutContentTypeIsPlainText() {
    ParsedMessage p = parse("Subject: bare\r\n\r\njust text\r\n");
    assertThat(p.text()).isEqualTo("just text\r\n");
    assertThat(p.html()).isEmpty();
    assertThat(p.attachments()).isEmpty();
  }

  @Test
  void htmlOnlyMessageHasHtmlAndNoText() {
    ParsedMessage p = parse("Content-Type: text/html; charset=UTF-8\r\n\r\n<p>Hi</p>\r\n");
    assertThat(p.html()).isEqualTo("<p>Hi</p>\r\n");
    assertThat(p.text()).isEmpty();
  }

  @Test
  void multipartAlternativeGivesTextAndHtml() {
    ParsedMessage p = parse("MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
        + "preamble\r\n--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello plain\r\n"
        + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "<b>Hello</b> =E2=9C=93\r\n--alt--\r\nepilogue\r\n");
    assertThat(p.text()).isEqualTo("Hello plain");
    assertThat(p.html()).isEqualTo("<b>Hello</b> ✓");
    assertThat(p.attachments()).isEmpty();
    assertThat(p.error()).isNull();
  }

  @Test
  void attachmentsKeepTheirBytesTypeAndName() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    String b64 = Base64.getMimeEncoder().encodeToString(binary);
    ParsedMessage p = parse("Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        + "--b1\r\nContent-Type: application/octet-stream; name=\"all-bytes.bin\"\r\n"
        + "Content-Disposition: attachment; filename=\"all-bytes.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + b64 + "\r\n"
        + "--b1\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=report.csv\r\n\r\na,b\r\n1,2\r\n"
        + "--b1--\r\n");
    assertThat(p.text()).isEqualTo("See attached.");
    assertThat(p.attachments()).hasSize(2);
    Attachment bin = p.attachments().get(0);
    assertThat(bin.filename()).isEqualTo("all-bytes.bin");
    assertThat(bin.contentType()).isEqualTo("application/octet-stream");
    assertThat(bin.content()).isEqualTo(binary);
    assertThat(bin.size()).isEqualTo(256);
    assertThat(bin.inline()).isFalse();
    Attachment csv = p.attachments().get(1);
    assertThat(csv.filename()).isEqualTo("report.csv");
    assertThat(csv.contentType()).isEqualTo("text/csv");
    assertThat(csv.contentAsString(StandardCharsets.US_ASCII)).isEqualTo("a,b\r\n1,2");
  }

  @Test
  void rfc2231FileNamesAreDecoded() {
    ParsedMessage p = parse("Content-Type: multipart/mixed; boundary=b1\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
        + "--b1\r\nContent-Type: application/pdf\r\n"
        + "Content-Disposition: attachment; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.pdf\r\n\r\n%PDF\r\n"
        + "--b1\r\nContent-Type: application/pdf\r\n"
        + "Content-Disposition: attachment;\r\n filename*0*=ISO-8859-1''Stra%DFe%20und%20;\r\n filename*1=\" Weg.pdf\"\r\n\r\n%PDF\r\n"
        + "--b1\r\nContent-Type: application/pdf; name=\"=?UTF-8?Q?=C3=BCbersicht.pdf?=\"\r\n"
        + "Content-Disposition: attachment; filename=\"=?UTF-8?Q?=C3=BCbersicht.pdf?=\"\r\n\r\n%PDF\r\n"
        + "--b1--\r\n");
    assertThat(p.attachments()).extracting(Attachment::filename)
        .containsExactly("naïve résumé.pdf", "Straße und  Weg.pdf", "übersicht.pdf");
  }

  @Test
  void nestedMultipartsAreWalked() {
    String png = Base64.getMimeEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    ParsedMessage p = parse("Subject: nested\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n"
        + "--outer\r\nContent-Type: multipart/related; boundary=rel\r\n\r\n"
        + "--rel\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
        + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\ntext part\r\n"
        + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<img src=\"cid:logo@x\">\r\n"
        + "--alt--\r\n"
        + "--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Disposition: inline\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n" + png + "\r\n"
        + "--rel--\r\n"
        + "--outer\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
        + "attached text\r\n"
        + "--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=fwd.eml\r\n\r\n"
        + "Subject: forwarded\r\n\r\ninner body\r\n"
        + "--outer--\r\n");
    assertThat(p.subject()).isEqualTo("nested");
    assertThat(p.text()).isEqualTo("text part");
    assertThat(p.html()).isEqualTo("<img src=\"cid:logo@x\">");
    assertThat(p.attachments()).extracting(Attachment::contentType).containsExactly("image/png", "text/plain", "message/rfc822");
    Attachment logo = p.attachments().get(0);
    assertThat(logo.inline()).isTrue();
    assertThat(logo.contentId()).isEqualTo("logo@x");
    assertThat(logo.content()).containsExactly(0x89, 'P', 'N', 'G', 0, 1, 2);
    assertThat(p.attachments().get(1).contentAsString(StandardCharsets.UTF_8)).isEqualTo("attached text");
    assertThat(p.attachments().get(2).filename()).isEqualTo("fwd.eml");
    assertThat(p.attachments().get(2).contentAsString(StandardCharsets.UTF_8)).contains("Subject: forwarded");
  }

  @Test
  void multipartWithoutItsClosingBoundaryDegradesWithoutThrowing() {
    String raw = "Subject: broken\r\nContent-Type: multipart/mixed; boundary=never-closed\r\n\r\n"
        + "--never-closed\r\nContent-Type: text/plain\r\n\r\nsome text\r\n";
    assertThatCode(() -> parse(raw)).doesNotThrowAnyException();
    ParsedMessage p = parse(raw);
    assertThat(p.subject()).isEqualTo("broken");
    assertThat(p.text()).isEqualTo("some text\r\n"); // Angus tolerates the missing end boundary
  }

  @Test
  void multipartWhoseBoundaryNeverAppearsReportsAParseError() {
    ParsedMessage p = parse("Subject: no parts\r\nContent-Type: multipart/mixed; boundary=missing\r\n\r\nno boundary here\r\n");
    assertThat(p.subject()).isEqualTo("no parts");
    assertThat(p.error()).isNotNull();
    assertThat(p.text()).isEmpty();
  }

  @Test
  void garbageDegradesToEmptyFieldsWithoutThrowing() {
    byte[] garbage = new byte[512];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37 + 11);
    }
    assertThatCode(() -> ParsedMessage.parse(garbage)).doesNotThrowAnyException();
    assertThatCode(() -> ParsedMessage.parse(new byte[0])).doesNotThrowAnyException();
    assertThat(ParsedMessage.parse(new byte[0]).subject()).isEmpty();
  }

  @Test
  void badHeadersAndEncodingsDegradeFieldByField() {
    ParsedMessage p = parse("From: <<<not an address\r\nDate: yesterday-ish\r\nSubject: =?UTF-8?B?!!!?=\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@ not base64 @@@\r\n");
    assertThat(p.date()).isNull();
    assertThat(p.from()).extracting(MailAddress::address).containsExactly("<<<not an address"); // lenient, as parsed
    assertThat(p.headers()).contains(new Header("Subject", "=?UTF-8?B?!!!?=")); // the raw value stays available
    assertThatCode(p::text).doesNotThrowAnyException(); // undecodable base64 body: whatever the decoder salvaged
  }
}
