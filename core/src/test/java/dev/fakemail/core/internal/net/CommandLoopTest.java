package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command loop's error rule, session end and transcript, with a protocol whose replies are strings. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandLoopTest {
  /** Replies starting with "ERR" are errors; "BYE" ends the session. */
  private static final CommandLoop.Rule<String> RULE = new CommandLoop.Rule<>() {
    @Override
    public boolean countsAsError(String reply) {
      return reply.startsWith("ERR");
    }

    @Override
    public boolean endsSession(String reply) {
      return reply.startsWith("BYE");
    }
  };

  private final List<String> sent = new ArrayList<>();
  private final List<String> transcript = new ArrayList<>();
  private final CommandLoop.Replies<String> out = CommandLoop.replies(sent::add, "TOO MANY");

  private CommandLoop<String> loop(int maxErrors, CommandLoop.Masking masking) {
    return new CommandLoop<>(RULE, maxErrors, masking, transcript::add);
  }

  @Test
  void theSessionEndsWithTheGoodbyeAtTheLimitOfErrorsAndOtherRepliesDoNotCount() throws Exception {
    CommandLoop<String> loop = loop(3, CommandLoop.Masking.SMTP);
    assertThat(loop.answer("ERR 1", out)).isTrue();
    assertThat(loop.answer("OK", out)).isTrue();
    assertThat(loop.answer("ERR 2", out)).isTrue();
    assertThat(loop.answer("ERR 3", out)).isFalse();
    assertThat(sent).containsExactly("ERR 1", "OK", "ERR 2", "ERR 3", "TOO MANY");
  }

  @Test
  void aReplyThatEndsTheSessionEndsItWithoutTheGoodbye() throws Exception {
    CommandLoop<String> loop = loop(1, CommandLoop.Masking.POP3);
    assertThat(loop.answer("BYE ERR", out)).as("ends before it would count").isFalse();
    assertThat(sent).containsExactly("BYE ERR");
  }

  @Test
  void aNullReplyWasSentAlreadyAndTheSessionGoesOn() throws Exception {
    CommandLoop<String> loop = loop(1, CommandLoop.Masking.IMAP);
    assertThat(loop.answer(null, out)).isTrue();
    assertThat(sent).isEmpty();
  }

  @Test
  void commandLinesGoIntoTheTranscriptWithTheProtocolsMasking() {
    loop(10, CommandLoop.Masking.SMTP).command("AUTH", "AUTH PLAIN AGJvYgBzZWNyZXQ=");
    loop(10, CommandLoop.Masking.POP3).command("PASS", "PASS secret");
    loop(10, CommandLoop.Masking.POP3).command("NOOP", "NOOP " + "x".repeat(3000));
    loop(10, CommandLoop.Masking.IMAP).command("LOGIN", "a LOGIN bob secret");
    loop(10, CommandLoop.Masking.SMTP).lineTooLong(2048);
    assertThat(transcript).hasSize(5);
    assertThat(transcript.get(0)).isEqualTo("AUTH PLAIN ****");
    assertThat(transcript.get(1)).isEqualTo("PASS ****");
    assertThat(transcript.get(2)).startsWith("NOOP xxx").endsWith("more characters]");
    assertThat(transcript.get(3)).isEqualTo("a LOGIN bob ****");
    assertThat(transcript.get(4)).isEqualTo("<line longer than 2048 octets>");
  }
}
