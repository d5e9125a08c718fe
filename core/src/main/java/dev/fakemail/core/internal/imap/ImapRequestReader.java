package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.net.TranscriptText;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IMAP parser: reads one command with its literals (RFC 3501 §4.3; non-synchronising literals,
 * RFC 7888) and makes a request of it. A synchronising literal over the limit is refused before the
 * client sends it (no continuation is sent); a non-synchronising one over the limit ends the
 * connection, as its octets would otherwise be read as commands. Before each literal the gate may
 * refuse it (APPEND past the memory budget): a synchronising literal is then answered at once, with
 * no continuation; a non-synchronising one is read and dropped, with the rest of the command.
 */
final class ImapRequestReader {
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d{1,18})(\\+?)}$");

  /** What the reader produced: a request, or a completion to send at once (and maybe a close). */
  record Read(ImapRequest request, String tag, ImapResult failure, boolean close) {}

  private final Connection c;
  private final java.util.function.LongSupplier maxLiteral;
  private final LiteralGate gate;
  private final SessionLog.Entry log;

  /** Asked before a literal is read (given the command's first line and the literal's size). */
  @FunctionalInterface
  interface LiteralGate {
    Admission admit(String firstLine, long size);
  }

  /** A literal is read as any other, or read with its memory charged already, or refused ({@code NO [OVERQUOTA]}). */
  enum Admission { READ, CHARGED, REFUSED }

  /**
   * {@code maxLiteral} is asked per command: it is smaller before login; {@code gate} before each
   * literal. Each command goes to {@code log}.
   */
  ImapRequestReader(Connection c, java.util.function.LongSupplier maxLiteral, LiteralGate gate, SessionLog.Entry log) {
    this.c = c;
    this.maxLiteral = maxLiteral;
    this.gate = gate;
    this.log = log;
  }

  /**
   * Reads the next command; null at end of stream. The transcript gets the command as one client
   * line once it is read, each literal given by its size ({@code {1234 octets}}) and credentials
   * masked ({@link TranscriptText#imapCommand(String)}).
   */
  Read read() throws IOException {
    String line;
    try {
      line = c.readCommandLine(ImapConfig.MAX_LINE);
    } catch (LineTooLongException e) {
      log.client("<line longer than " + ImapConfig.MAX_LINE + " octets>");
      return new Read(null, "*", ImapResult.bad("Line too long"), false);
    }
    if (line == null) {
      return null;
    }
    List<Object> parts = new ArrayList<>();
    Read read = read(line, parts);
    if (read != null) {
      log.client(() -> transcript(parts));
    }
    return read;
  }

  /** The command as the transcript shows it: its lines joined, each literal as its size. */
  private static String transcript(List<Object> parts) {
    if (parts.size() == 1) {
      return TranscriptText.imapCommand((String) parts.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (Object p : parts) {
      sb.append(p instanceof byte[] b ? TranscriptText.literal(b.length) : (String) p);
    }
    return TranscriptText.imapCommand(sb.toString());
  }

  /** Reads the rest of the command that starts with {@code line}; {@code parts} gets what was read of it. */
  private Read read(String line, List<Object> parts) throws IOException {
    int sp = line.indexOf(' ');
    String tag = sp < 0 ? line : line.substring(0, sp);
    if (tag.isEmpty() || !validTag(tag)) {
      parts.add(line);
      return new Read(null, "*", ImapResult.bad("Missing or invalid tag"), false);
    }
    long total = 0;
    long limit = maxLiteral.getAsLong();
    String current = line;
    while (true) {
      Matcher m = LITERAL.matcher(current);
      if (!m.find()) {
        parts.add(current);
        break;
      }
      long size = Long.parseLong(m.group(1));
      boolean sync = m.group(2).isEmpty();
      total += size;
      if (total > limit) {
        parts.add(current);
        if (sync) {
          return new Read(null, tag, new ImapResult(ImapResult.Status.NO, "TOOBIG",
              "Literal of " + size + " octets exceeds the limit of " + limit), false);
        }
        return new Read(null, tag, new ImapResult(ImapResult.Status.BAD, "TOOBIG",
            "Non-synchronizing literal of " + size + " octets exceeds the limit of " + limit), true);
      }
      Admission admission = gate.admit(line, size);
      if (admission == Admission.REFUSED) {
        return sync ? new Read(null, tag, ImapResult.OVERQUOTA, false) : discardRest(tag, size, ImapResult.OVERQUOTA);
      }
      parts.add(current.substring(0, m.start()));
      if (sync) {
        c.write("+ Ready for literal data\r\n");
        c.flush();
      }
      // a literal the gate admitted (and charged for) gets its whole array at once: no growth copies
      ByteArrayOutputStream b = new ByteArrayOutputStream(
          (int) Math.min(size, admission == Admission.CHARGED ? Integer.MAX_VALUE - 16 : 64 * 1024));
      c.input().readExactly(size, b);
      parts.add(b.toByteArray());
      try {
        current = c.readLine(ImapConfig.MAX_LINE);
      } catch (LineTooLongException e) {
        parts.add(" <line longer than " + ImapConfig.MAX_LINE + " octets>");
        return new Read(null, tag, ImapResult.bad("Line too long"), false);
      }
      if (current == null) {
        return null;
      }
    }
    return request(tag, parts);
  }

  /**
   * Makes a request of a command read whole: {@code parts} are its lines (the first starting with the
   * tag), each literal's octets between them. Package-private for tests.
   */
  static Read request(String tag, List<Object> parts) {
    List<Object> argParts = new ArrayList<>(parts);
    argParts.set(0, ((String) parts.get(0)).substring(tag.length()));
    ImapArgs args = new ImapArgs(argParts);
    try {
      args.expect(' ');
    } catch (ImapException e) {
      return new Read(null, tag, ImapResult.bad("Missing command"), false);
    }
    try {
      String name = args.atom().toUpperCase(Locale.ROOT);
      boolean uid = false;
      if (name.equals("UID")) {
        args.sp();
        name = args.atom().toUpperCase(Locale.ROOT);
        uid = true;
      }
      if (args.peek() == ' ') {
        args.sp();
      }
      return new Read(new ImapRequest(tag, name, uid, args), tag, null, false);
    } catch (ImapException e) {
      return new Read(null, tag, e.result(), false);
    }
  }

  /**
   * A refused non-synchronising literal: its octets are already on their way, so they are read and
   * dropped, and so is the rest of the command (with any further literal of it); then the refusal.
   */
  private Read discardRest(String tag, long size, ImapResult refused) throws IOException {
    long left = size;
    while (true) {
      c.input().skipExactly(left);
      String rest;
      try {
        rest = c.readLine(ImapConfig.MAX_LINE);
      } catch (LineTooLongException e) {
        return new Read(null, tag, refused, true);
      }
      if (rest == null) {
        return null;
      }
      Matcher m = LITERAL.matcher(rest);
      if (!m.find()) {
        return new Read(null, tag, refused, false);
      }
      if (m.group(2).isEmpty()) { // a synchronising literal after all: the client waits for "+", which never comes
        return new Read(null, tag, refused, false);
      }
      left = Long.parseLong(m.group(1));
    }
  }

  private static boolean validTag(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char ch = tag.charAt(i);
      if (ch <= ' ' || ch >= 127 || "(){%*\"\\+".indexOf(ch) >= 0) {
        return false;
      }
    }
    return true;
  }
}
