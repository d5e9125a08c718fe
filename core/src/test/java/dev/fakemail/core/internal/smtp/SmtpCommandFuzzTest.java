package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the SMTP command path: the address parser, and whole sessions run line by line through
 * the server's real dispatch against {@link FakeSession}. Any input gets a reply with a valid code
 * whose wire form is well-formed CRLF lines; no exception other than the documented ones escapes.
 * Regression mode (the normal build) replays the inputs under {@code SmtpCommandFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest='SmtpCommandFuzzTest#session'} fuzzes for real.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SmtpCommandFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void path(FuzzedDataProvider data) {
    boolean allowEmpty = data.consumeBoolean();
    String keyword = data.consumeBoolean() ? "FROM" : "TO";
    String args = data.consumeRemainingAsString();
    try {
      SmtpPath p = SmtpPath.parse(args, keyword, allowEmpty);
      assertThat(p.address()).isNotNull();
      assertThat(p.parameters()).isNotNull();
    } catch (SmtpException expected) {
      assertWellFormed(expected.reply());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void session(FuzzedDataProvider data) {
    FakeSession s = data.consumeBoolean() ? new FakeSession() : FakeSession.strict();
    String[] lines = data.consumeRemainingAsString().split("\r?\n", 32);
    for (String line : lines) {
      // Whatever the command may read next (an AUTH response, a DATA body, BDAT octets) is the same line.
      s.exchange.lines(line).body(line).octets(line);
      SmtpReply reply;
      try {
        reply = s.run(line);
      } catch (UncheckedIOException scriptRanOut) {
        return; // the fake exchange's script ended, as a client hanging up mid-command
      }
      s.exchange.sent.forEach(SmtpCommandFuzzTest::assertWellFormed);
      s.exchange.sent.clear();
      if (reply != null) {
        assertWellFormed(reply);
        if (reply.code() == 221 || reply.code() == 421) {
          return; // QUIT, or too many errors: the session is over
        }
      }
    }
  }

  private static void assertWellFormed(SmtpReply reply) {
    assertThat(reply.code()).isBetween(200, 599);
    String wire = reply.toWire();
    assertThat(wire).endsWith("\r\n");
    for (String l : wire.substring(0, wire.length() - 2).split("\r\n", -1)) {
      // (?s): U+0085 and U+2028 end lines for Java's '.', not on the SMTP wire
      assertThat(l).doesNotContain("\r", "\n").matches("(?s)\\d{3}[ -].*");
    }
  }
}
