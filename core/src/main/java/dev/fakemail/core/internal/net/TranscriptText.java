package dev.fakemail.core.internal.net;

import java.nio.charset.StandardCharsets;

/**
 * How the three protocols write a line into a session transcript (and so into the wire trace):
 * credentials replaced by {@value #HIDDEN}, IMAP literals by their size ({@code {1234 octets}}), and
 * POP3 and IMAP lines cut at {@value #MAX_TEXT} characters. One set of masking rules, so that the
 * protocols cannot drift apart in what they let through.
 */
public final class TranscriptText {
  /** What a credential becomes. */
  public static final String HIDDEN = "****";
  /** The longest POP3 or IMAP transcript line kept; the rest is counted. */
  public static final int MAX_TEXT = 2000;

  private TranscriptText() {}

  /**
   * An SMTP or POP3 command line as the transcript keeps it: {@code AUTH mechanism ****} (SMTP and
   * POP3), {@code PASS ****} and {@code APOP name ****} (POP3); other lines unchanged.
   *
   * @param verb the command verb, upper case
   */
  public static String command(String verb, String line) {
    int keep = switch (verb) {
      case "AUTH", "APOP" -> 1;
      case "PASS" -> 0;
      default -> -1;
    };
    if (keep < 0) {
      return line;
    }
    int sp = line.indexOf(' ');
    String[] args = sp < 0 ? new String[0] : line.substring(sp + 1).trim().split(" +", keep + 1);
    StringBuilder sb = new StringBuilder(verb);
    for (int i = 0; i < args.length && !args[i].isEmpty(); i++) {
      sb.append(' ').append(i < keep ? args[i] : HIDDEN);
    }
    return sb.toString();
  }

  /**
   * An IMAP command (literals already given as {@link #literal(long)}) as the transcript keeps it:
   * {@code tag LOGIN user ****}, {@code tag AUTHENTICATE mechanism ****}, also without a tag; cut
   * at {@link #MAX_TEXT}.
   */
  public static String imapCommand(String text) {
    int first = text.indexOf(' ');
    if (first > 0) {
      if (credentialVerb(text, 0, first)) {
        return bounded(keepFirstArgument(text, first));
      }
      int second = text.indexOf(' ', first + 1);
      if (second > 0 && credentialVerb(text, first + 1, second)) {
        return bounded(keepFirstArgument(text, second));
      }
    }
    return bounded(text);
  }

  private static boolean credentialVerb(String text, int from, int to) {
    int n = to - from;
    return n == 5 && text.regionMatches(true, from, "LOGIN", 0, 5)
        || n == 12 && text.regionMatches(true, from, "AUTHENTICATE", 0, 12);
  }

  /** Keeps the text up to and including the argument after {@code sp} (atom, quoted string or literal size). */
  private static String keepFirstArgument(String text, int sp) {
    int i = sp + 1;
    int n = text.length();
    if (i < n && text.charAt(i) == '"') {
      for (i++; i < n && text.charAt(i) != '"'; i++) {
        if (text.charAt(i) == '\\') {
          i++;
        }
      }
      i = Math.min(n, i + 1);
    } else if (i < n && text.charAt(i) == '{') {
      int close = text.indexOf('}', i);
      i = close < 0 ? n : close + 1;
    } else {
      while (i < n && text.charAt(i) != ' ') {
        i++;
      }
    }
    return i >= n ? text : text.substring(0, i) + " " + HIDDEN;
  }

  /** How a literal of {@code size} octets is written: {@code {1234 octets}}. */
  public static String literal(long size) {
    return "{" + size + " octets}";
  }

  /** The text cut at {@link #MAX_TEXT} characters, saying how many more there were. */
  public static String bounded(String text) {
    return text.length() <= MAX_TEXT ? text
        : text.substring(0, MAX_TEXT) + "... [" + (text.length() - MAX_TEXT) + " more characters]";
  }

  /**
   * An IMAP response as the transcript keeps it: each literal ({@code {n}CRLF} and its octets, also
   * when they are still to come) given as {@link #literal(long)}, the final CRLF left off, cut at
   * {@link #MAX_TEXT}. Only the text around the literals is looked at, so a FETCH of a large body
   * costs what its first line costs.
   */
  public static String response(byte[] b, int off, int len) {
    int end = off + len;
    StringBuilder sb = new StringBuilder();
    int run = off;
    int i = off;
    while (i < end) {
      if (sb.length() + (i - run) >= MAX_TEXT) {
        sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
        return sb.append("... [").append(end - i).append(" more octets]").toString();
      }
      if (b[i] == '{') {
        int j = i + 1;
        long size = 0;
        while (j < end && j - i <= 19 && b[j] >= '0' && b[j] <= '9') {
          size = size * 10 + (b[j] - '0');
          j++;
        }
        if (j > i + 1 && j + 2 < end && b[j] == '}' && b[j + 1] == '\r' && b[j + 2] == '\n') {
          sb.append(new String(b, run, i - run, StandardCharsets.UTF_8)).append(literal(size));
          i = (int) Math.min(end, (long) j + 3 + size);
          run = i;
          continue;
        }
      }
      i++;
    }
    int stop = end - run >= 2 && b[end - 2] == '\r' && b[end - 1] == '\n' ? end - 2 : end;
    return sb.append(new String(b, run, stop - run, StandardCharsets.UTF_8)).toString();
  }

  /**
   * The octets of a literal these octets announce at their very end ({@code {n}CRLF}) and do not
   * hold: they follow in a later write. 0 when they end otherwise.
   */
  public static long trailingLiteral(byte[] b, int off, int len) {
    int end = off + len;
    if (len < 5 || b[end - 1] != '\n' || b[end - 2] != '\r' || b[end - 3] != '}') {
      return 0;
    }
    long size = 0;
    long scale = 1;
    int i = end - 4;
    for (; i >= off && end - 4 - i < 19 && b[i] >= '0' && b[i] <= '9'; i--) {
      size += (b[i] - '0') * scale;
      scale *= 10;
    }
    return i >= off && i < end - 4 && b[i] == '{' ? size : 0;
  }

  /** {@link #response(byte[], int, int)} for a response built as a string. */
  public static String response(String text) {
    if (text.indexOf('{') < 0) {
      int end = text.endsWith("\r\n") ? text.length() - 2 : text.length();
      return bounded(end == text.length() ? text : text.substring(0, end));
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return response(b, 0, b.length);
  }
}
