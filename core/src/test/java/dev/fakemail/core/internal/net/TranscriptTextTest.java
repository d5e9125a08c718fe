package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The masking and summarising rules every protocol's transcript goes through. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TranscriptTextTest {
  @Test
  void smtpAndPop3CredentialsAreMasked() {
    assertThat(TranscriptText.command("AUTH", "AUTH PLAIN AGJvYgBzZWNyZXQ=")).isEqualTo("AUTH PLAIN ****");
    assertThat(TranscriptText.command("AUTH", "auth  login   Ym9i")).isEqualTo("AUTH login ****");
    assertThat(TranscriptText.command("AUTH", "AUTH PLAIN")).isEqualTo("AUTH PLAIN");
    assertThat(TranscriptText.command("AUTH", "AUTH")).isEqualTo("AUTH");
    assertThat(TranscriptText.command("PASS", "PASS my secret with spaces")).isEqualTo("PASS ****");
    assertThat(TranscriptText.command("PASS", "PASS")).isEqualTo("PASS");
    assertThat(TranscriptText.command("APOP", "APOP bob c4c9334bac560ecc979e58001b3e22fb")).isEqualTo("APOP bob ****");
    assertThat(TranscriptText.command("USER", "USER bob@example.test")).isEqualTo("USER bob@example.test");
    assertThat(TranscriptText.command("RETR", "RETR 1")).isEqualTo("RETR 1");
  }

  @Test
  void imapLoginKeepsTheUserAndMasksThePasswordInEveryForm() {
    assertThat(TranscriptText.imapCommand("a LOGIN bob@example.test secret")).isEqualTo("a LOGIN bob@example.test ****");
    assertThat(TranscriptText.imapCommand("a login \"bob smith\" \"se cret\"")).isEqualTo("a login \"bob smith\" ****");
    assertThat(TranscriptText.imapCommand("a LOGIN \"b\\\"ob\" secret")).isEqualTo("a LOGIN \"b\\\"ob\" ****");
    assertThat(TranscriptText.imapCommand("a LOGIN {3 octets} {6 octets}")).isEqualTo("a LOGIN {3 octets} ****");
    assertThat(TranscriptText.imapCommand("a LOGIN bob")).isEqualTo("a LOGIN bob");
    assertThat(TranscriptText.imapCommand("LOGIN bob secret")).as("without a tag").isEqualTo("LOGIN bob ****");
    assertThat(TranscriptText.imapCommand("a AUTHENTICATE PLAIN AGJvYgBzZWNyZXQ=")).isEqualTo("a AUTHENTICATE PLAIN ****");
    assertThat(TranscriptText.imapCommand("a AUTHENTICATE PLAIN")).isEqualTo("a AUTHENTICATE PLAIN");
    assertThat(TranscriptText.imapCommand("a SELECT INBOX")).isEqualTo("a SELECT INBOX");
    assertThat(TranscriptText.imapCommand("a UID FETCH 1:* (FLAGS)")).isEqualTo("a UID FETCH 1:* (FLAGS)");
  }

  @Test
  void literalsInResponsesAreGivenBySize() {
    String body = "Subject: x\r\n\r\n{5}\r\nnot a literal marker: it is inside one\r\n";
    byte[] response = ("* 1 FETCH (UID 7 BODY[] {" + body.length() + "}\r\n" + body + " FLAGS (\\Seen))\r\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(TranscriptText.response(response, 0, response.length))
        .isEqualTo("* 1 FETCH (UID 7 BODY[] {" + body.length() + " octets} FLAGS (\\Seen))");
    assertThat(TranscriptText.response("* LIST () \"/\" {5}\r\nab\ncd\r\n")).isEqualTo("* LIST () \"/\" {5 octets}");
    assertThat(TranscriptText.response("* 2 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\n")).isEqualTo("* 2 FETCH (BINARY[1] ~{3 octets})");
    assertThat(TranscriptText.response("* 3 FETCH (BODY[] {0}\r\n)\r\n")).isEqualTo("* 3 FETCH (BODY[] {0 octets})");
    assertThat(TranscriptText.response("a OK [APPENDUID 1 2] done\r\n")).isEqualTo("a OK [APPENDUID 1 2] done");
    assertThat(TranscriptText.response("* OK {not a literal}")).isEqualTo("* OK {not a literal}");
  }

  @Test
  void aLiteralLongerThanTheResponseIsCutAtItsEnd() {
    byte[] r = "* 1 FETCH (BODY[] {999}\r\nshort".getBytes(StandardCharsets.US_ASCII);
    assertThat(TranscriptText.response(r, 0, r.length)).isEqualTo("* 1 FETCH (BODY[] {999 octets}");
  }

  @Test
  void aLiteralAnnouncedAtTheEndOfAWriteIsGivenBySize() {
    byte[] head = "* 1 FETCH (BODY[] {11}\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(TranscriptText.response(head, 0, head.length)).isEqualTo("* 1 FETCH (BODY[] {11 octets}");
    assertThat(TranscriptText.trailingLiteral(head, 0, head.length)).isEqualTo(11);
    assertThat(trailing("* 1 FETCH (BINARY[] ~{1234567890}\r\n")).isEqualTo(1234567890L);
    assertThat(trailing("* OK done\r\n")).isZero();
    assertThat(trailing("* OK {}\r\n")).isZero();
    assertThat(trailing("* OK x}\r\n")).isZero();
    assertThat(trailing("1}\r\n")).isZero();
  }

  @Test
  void literalOctetsWrittenOnTheirOwnNeverReachTheTranscript() {
    ResponseTranscript t = new ResponseTranscript();
    assertThat(t.line("* 1 FETCH (UID 7 BODY[] {27}\r\n").get()).isEqualTo("* 1 FETCH (UID 7 BODY[] {27 octets}");
    assertThat(t.line(bytes("secret body"), 0, 11)).as("all literal content").isNull();
    byte[] rest = bytes("and more of it.. FLAGS (\\Seen))\r\n");
    assertThat(t.line(rest, 0, rest.length).get()).as("the literal's last 16 octets, then the response goes on")
        .isEqualTo(" FLAGS (\\Seen))");
    assertThat(t.line("* 2 EXISTS\r\n").get()).isEqualTo("* 2 EXISTS");
    byte[] whole = bytes("* 3 FETCH (BODY[] {4}\r\nbody)\r\n");
    assertThat(t.line(whole, 0, whole.length).get()).isEqualTo("* 3 FETCH (BODY[] {4 octets})");
    assertThat(t.line("a OK FETCH completed\r\n").get()).isEqualTo("a OK FETCH completed");
  }

  private static long trailing(String s) {
    byte[] b = bytes(s);
    return TranscriptText.trailingLiteral(b, 0, b.length);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void longLinesAreCutAndSayHowMuchWasLeftOff() {
    String longLine = "a SEARCH " + "x".repeat(5000);
    String kept = TranscriptText.imapCommand(longLine);
    assertThat(kept).startsWith("a SEARCH xxx").endsWith("... [" + (longLine.length() - TranscriptText.MAX_TEXT) + " more characters]");
    byte[] response = ("* SEARCH " + "1 ".repeat(3000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    String r = TranscriptText.response(response, 0, response.length);
    assertThat(r.length()).isLessThan(TranscriptText.MAX_TEXT + 40);
    assertThat(r).endsWith(" more octets]");
  }
}
