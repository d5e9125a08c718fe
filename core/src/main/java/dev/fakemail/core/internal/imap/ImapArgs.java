package dev.fakemail.core.internal.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a command as a token stream (RFC 3501 §9): text pieces and the literals that
 * came between them. Readers throw {@link ImapException} (BAD) with what was expected.
 */
final class ImapArgs {
  static final int EOF = -1;
  static final int LITERAL = -2;

  private final List<Object> parts; // String or byte[]
  private int part;
  private int pos;
  private boolean utf8;

  ImapArgs(List<Object> parts) {
    this.parts = parts;
  }

  static ImapArgs of(String text) {
    return new ImapArgs(List.of(text));
  }

  private String text() {
    Object p = parts.get(part);
    return p instanceof String s ? s : null;
  }

  int peek() {
    while (part < parts.size()) {
      Object p = parts.get(part);
      if (p instanceof byte[]) {
        return LITERAL;
      }
      String s = (String) p;
      if (pos < s.length()) {
        return s.charAt(pos);
      }
      if (part + 1 >= parts.size()) {
        return EOF;
      }
      part++;
      pos = 0;
    }
    return EOF;
  }

  boolean atEnd() {
    return peek() == EOF;
  }

  private char next() {
    int c = peek();
    if (c < 0) {
      throw new IllegalStateException("no character");
    }
    return text().charAt(pos++);
  }

  void expect(char c) throws ImapException {
    if (peek() != c) {
      throw ImapException.bad("Expected '" + c + "'" + where());
    }
    next();
  }

  boolean tryChar(char c) {
    if (peek() == c) {
      next();
      return true;
    }
    return false;
  }

  void sp() throws ImapException {
    expect(' ');
  }

  void end() throws ImapException {
    if (!atEnd()) {
      throw ImapException.bad("Unexpected extra arguments" + where());
    }
  }

  private String where() {
    int c = peek();
    return c == EOF ? " at end of command" : c == LITERAL ? " before a literal" : " at '" + rest(12) + "'";
  }

  private String rest(int max) {
    String s = text();
    return s == null ? "" : s.substring(pos, Math.min(s.length(), pos + max));
  }

  private static boolean atomChar(int c) {
    return c > ' ' && c < 127 && "(){%*\"\\]".indexOf(c) < 0;
  }

  /** The atom at the cursor without consuming it (empty if none). */
  String peekAtom() {
    String t = text();
    if (t == null) {
      return "";
    }
    int end = pos;
    while (end < t.length() && atomChar(t.charAt(end))) {
      end++;
    }
    return t.substring(pos, end);
  }

  /** An atom (RFC 3501 atom). */
  String atom() throws ImapException {
    StringBuilder sb = new StringBuilder();
    while (atomChar(peek())) {
      sb.append(next());
    }
    if (sb.length() == 0) {
      throw ImapException.bad("Expected an atom" + where());
    }
    return sb.toString();
  }

  /** Characters up to a space, a parenthesis or the end (sequence sets, flags, search keys, dates). */
  String word() throws ImapException {
    StringBuilder sb = new StringBuilder();
    for (int c = peek(); c > ' ' && c != '(' && c != ')' && c != '"'; c = peek()) {
      sb.append(next());
    }
    if (sb.length() == 0) {
      throw ImapException.bad("Expected a word" + where());
    }
    return sb.toString();
  }

  /** An astring: atom (with ']'), quoted string or literal, as text. */
  String astring() throws ImapException {
    int c = peek();
    if (c == '"' || c == LITERAL) {
      return new String(stringBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder();
    while (atomChar(peek()) || peek() == ']') {
      sb.append(next());
    }
    if (sb.length() == 0) {
      throw ImapException.bad("Expected a string" + where());
    }
    return sb.toString();
  }

  /** A quoted string or a literal, as octets. */
  byte[] stringBytes() throws ImapException {
    int c = peek();
    if (c == LITERAL) {
      byte[] b = (byte[]) parts.get(part);
      part++;
      pos = 0;
      return b;
    }
    if (c != '"') {
      throw ImapException.bad("Expected a quoted string or a literal" + where());
    }
    next();
    StringBuilder sb = new StringBuilder();
    while (true) {
      int d = peek();
      if (d < 0) {
        throw ImapException.bad("Unterminated quoted string");
      }
      char ch = next();
      if (ch == '"') {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
      }
      if (ch == '\\') {
        int e = peek();
        if (e != '"' && e != '\\') {
          throw ImapException.bad("Bad escape in quoted string");
        }
        ch = next();
      }
      sb.append(ch);
    }
  }

  /** A string (quoted or literal) or an atom, as text: for search keys and flags. */
  String stringOrAtom() throws ImapException {
    int c = peek();
    if (c == '"' || c == LITERAL) {
      return new String(stringBytes(), StandardCharsets.UTF_8);
    }
    return astring();
  }

  /**
   * A mailbox name (astring), decoded from modified UTF-7 (RFC 3501 §5.1.3); once the client has
   * enabled UTF8=ACCEPT, names are UTF-8 and taken as they are (RFC 6855 §3). A name that is not
   * valid modified UTF-7 is well-formed IMAP but names no mailbox the server will use: NO (RFC 5530
   * CANNOT), not BAD.
   */
  String mailbox() throws ImapException {
    String wire = astring();
    if (utf8) {
      return wire;
    }
    try {
      return ModifiedUtf7.decode(wire);
    } catch (IllegalArgumentException e) {
      throw new ImapException(new ImapResult(ImapResult.Status.NO, "CANNOT",
          "Mailbox name is not valid modified UTF-7: " + e.getMessage()));
    }
  }

  /**
   * Decodes a LIST pattern from modified UTF-7. A pattern that is not valid modified UTF-7 is taken
   * as it is: it matches no mailbox name the server made, so LIST answers OK with nothing.
   */
  static String decodeMailbox(String wire) {
    try {
      return ModifiedUtf7.decode(wire);
    } catch (IllegalArgumentException e) {
      return wire;
    }
  }

  /** Mailbox names are UTF-8 from now on (the session enabled UTF8=ACCEPT). */
  void utf8(boolean enabled) {
    this.utf8 = enabled;
  }

  /** A list of flags in parentheses, or one flag without them. */
  List<String> flagList() throws ImapException {
    List<String> out = new ArrayList<>();
    if (tryChar('(')) {
      while (!tryChar(')')) {
        if (atEnd()) {
          throw ImapException.bad("Unterminated flag list");
        }
        out.add(word());
        tryChar(' ');
      }
      return out;
    }
    out.add(word());
    while (tryChar(' ')) {
      out.add(word());
    }
    return out;
  }

  /** A number (RFC 3501 number). */
  long number() throws ImapException {
    String w = word();
    try {
      long n = Long.parseLong(w);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ImapException.bad("Expected a number, got " + w);
    }
  }

  /** What is left of the current text piece, for parsers with their own grammar. */
  String readUntil(char stop) throws ImapException {
    StringBuilder sb = new StringBuilder();
    while (peek() != stop) {
      if (peek() < 0) {
        throw ImapException.bad("Expected '" + stop + "'");
      }
      sb.append(next());
    }
    return sb.toString();
  }
}
