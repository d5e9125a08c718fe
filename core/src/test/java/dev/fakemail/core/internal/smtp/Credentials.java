package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.SessionRecord.TranscriptLine;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Checks that a session transcript shows no credential in any form a client may have sent it. */
final class Credentials {
  private Credentials() {}

  static void assertMasked(SessionRecord session, String user, String password) {
    List<String> forms = List.of(password, b64(password), b64("\0" + user + "\0" + password),
        b64(user + "\0" + user + "\0" + password), b64(user + "\0" + password));
    List<TranscriptLine> transcript = session.transcript();
    assertThat(transcript).as("transcript").isNotEmpty();
    for (TranscriptLine line : transcript) {
      for (String form : forms) {
        assertThat(line.text()).as("transcript line %s", line).doesNotContain(form);
      }
    }
    boolean inAuth = false;
    boolean sawAuth = false;
    for (TranscriptLine line : transcript) {
      if (line.direction() == TranscriptLine.Direction.C && line.text().startsWith("AUTH ")) {
        assertThat(line.text()).matches("AUTH [A-Z0-9-]+( \\*\\*\\*\\*)?");
        inAuth = true;
        sawAuth = true;
      } else if (line.direction() == TranscriptLine.Direction.S && !line.text().startsWith("334")) {
        inAuth = false;
      } else if (inAuth && line.direction() == TranscriptLine.Direction.C) {
        assertThat(line.text()).as("client line during AUTH").isEqualTo("****");
      }
    }
    assertThat(sawAuth).as("transcript has an AUTH command").isTrue();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
