package dev.fakemail.core.internal.net;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The transcript side of one connection's IMAP responses. Each write becomes a server line with
 * its literals given by size ({@link TranscriptText#response(byte[], int, int)}); the octets of a
 * literal written on their own, after the write that announced it with {@code {n}CRLF}, are part
 * of that line's {@code {n octets}} and are never transcribed, so a response may stream a large
 * body without it reaching the transcript.
 */
public final class ResponseTranscript {
  private long literalLeft;

  /**
   * The line for these octets, made only when the transcript asks for it; null when they are all
   * content of a literal announced before.
   */
  public Supplier<String> line(byte[] b, int off, int len) {
    if (literalLeft > 0) {
      int skip = (int) Math.min(literalLeft, len);
      literalLeft -= skip;
      if (skip == len) {
        return null;
      }
      off += skip;
      len -= skip;
    }
    literalLeft = TranscriptText.trailingLiteral(b, off, len);
    int o = off;
    int l = len;
    return () -> TranscriptText.response(b, o, l);
  }

  /** {@link #line(byte[], int, int)} for a response built as a string. */
  public Supplier<String> line(String text) {
    if (literalLeft == 0 && !text.endsWith("}\r\n")) {
      return () -> TranscriptText.response(text);
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return line(b, 0, b.length);
  }
}
