package dev.fakemail.core.internal.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * An address header (From, To, Cc, ...) as the IMAP ENVELOPE has it (RFC 3501 §7.4.2): the RFC 5322
 * §3.4 address list parsed leniently into (name, route, mailbox, host) entries. A group is a start
 * marker {@code (NIL NIL "group" NIL)}, its members and an end marker {@code (NIL NIL NIL NIL)}.
 * Comments and folding white space are dropped ({@code <user (c)@ (c) domain.org>} is
 * {@code user@domain.org}); a comment after a bare address is its name when it has no display name.
 * Names stay as written (encoded words are the client's to decode); quoted strings lose their quotes.
 */
final class AddressList {
  /** One ENVELOPE address; for a group start marker only {@code mailbox} is set, for an end marker nothing. */
  record Address(String name, String route, String mailbox, String host) {
    boolean isGroupStart() {
      return host == null && mailbox != null && name == null && route == null;
    }

    boolean isGroupEnd() {
      return name == null && route == null && mailbox == null && host == null;
    }
  }

  /** Deepest nesting of comments that is followed; deeper input ends the header. */
  private static final int MAX_COMMENT_DEPTH = 50;

  private final String s;
  private int pos;
  private String lastComment;

  private AddressList(String s) {
    this.s = s;
  }

  /** The addresses of a header value (unfolded or not); empty for none. */
  static List<Address> parse(String value) {
    List<Address> out = new ArrayList<>();
    if (value != null) {
      new AddressList(value).addressList(out);
    }
    return out;
  }

  // ---- tokens ----

  private enum Type { WORD, QUOTED, SPECIAL, LITERAL, END }

  private record Token(Type type, String text) {
    boolean is(char c) {
      return type == Type.SPECIAL && text.charAt(0) == c;
    }
  }

  private static boolean special(char c) {
    return "()<>[]:;@\\,.\"".indexOf(c) >= 0;
  }

  /** Skips white space and comments; remembers the text of the last comment. */
  private void skipCfws() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        pos++;
      } else if (c == '(') {
        comment();
      } else {
        return;
      }
    }
  }

  private void comment() {
    int depth = 0;
    StringBuilder text = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '\\' && pos < s.length()) {
        text.append(s.charAt(pos++));
        continue;
      }
      if (c == '(') {
        if (depth++ > 0) {
          text.append(c);
        }
        if (depth > MAX_COMMENT_DEPTH) {
          pos = s.length();
          return;
        }
      } else if (c == ')') {
        if (--depth == 0) {
          lastComment = text.toString().trim().replaceAll("\\s+", " ");
          return;
        }
        text.append(c);
      } else {
        text.append(c);
      }
    }
  }

  private Token peek() {
    int save = pos;
    String comment = lastComment;
    Token t = next();
    pos = save;
    lastComment = comment;
    return t;
  }

  private Token next() {
    skipCfws();
    if (pos >= s.length()) {
      return new Token(Type.END, "");
    }
    char c = s.charAt(pos);
    if (c == '"') {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != '"') {
        char d = s.charAt(pos++);
        if (d == '\\' && pos < s.length()) {
          d = s.charAt(pos++);
        }
        if (d != '\r' && d != '\n') {
          sb.append(d);
        }
      }
      pos++; // closing quote (or past the end)
      return new Token(Type.QUOTED, sb.toString());
    }
    if (c == '[') {
      int end = s.indexOf(']', pos);
      end = end < 0 ? s.length() : end + 1;
      String t = s.substring(pos, end);
      pos = end;
      return new Token(Type.LITERAL, t);
    }
    if (special(c)) {
      pos++;
      return new Token(Type.SPECIAL, String.valueOf(c));
    }
    int start = pos;
    while (pos < s.length()) {
      char d = s.charAt(pos);
      if (special(d) || d == ' ' || d == '\t' || d == '\r' || d == '\n') {
        break;
      }
      pos++;
    }
    return new Token(Type.WORD, s.substring(start, pos));
  }

  // ---- grammar ----

  private void addressList(List<Address> out) {
    while (true) {
      Token t = peek();
      if (t.type() == Type.END) {
        return;
      }
      if (t.is(',') || t.is(';') || t.is('>') || t.is(')')) {
        next();
        continue;
      }
      address(out, false);
    }
  }

  /** One mailbox, or (outside a group) one group. */
  private void address(List<Address> out, boolean inGroup) {
    lastComment = null;
    List<Token> phrase = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.type() == Type.END || t.is(',') || t.is(';') || t.is('<') || t.is(':') || t.is('@') || t.is('>')) {
        break;
      }
      phrase.add(next());
    }
    Token t = peek();
    if (t.is(':') && !inGroup) {
      next();
      out.add(new Address(null, null, phrase(phrase, true), null));
      while (true) {
        Token u = peek();
        if (u.type() == Type.END) {
          break;
        }
        if (u.is(';')) {
          next();
          break;
        }
        if (u.is(',') || u.is(':') || u.is('>')) {
          next();
          continue;
        }
        address(out, true);
      }
      out.add(new Address(null, null, null, null));
      return;
    }
    if (t.is('<')) {
      next();
      String name = phrase.isEmpty() ? null : phrase(phrase, true);
      String route = route();
      List<Token> local = new ArrayList<>();
      while (true) {
        Token u = peek();
        if (u.type() == Type.END || u.is('@') || u.is('>') || u.is(',') || u.is(';')) {
          break;
        }
        local.add(next());
      }
      String host = null;
      if (peek().is('@')) {
        next();
        host = domain();
      }
      if (peek().is('>')) {
        next();
      }
      if (local.isEmpty() && host == null && name == null) {
        return; // "<>": nothing to list
      }
      out.add(new Address(name, route, phrase(local, false), host));
      return;
    }
    if (t.is('@')) {
      next();
      String host = domain();
      String name = trailingComment();
      out.add(new Address(name, null, phrase(phrase, false), host));
      return;
    }
    if (!phrase.isEmpty()) { // a bare word: a mailbox without a domain
      out.add(new Address(trailingComment(), null, phrase(phrase, false), "")); // "" host: NIL would read as a group
    } else if (t.type() != Type.END && !t.is(',') && !t.is(';')) {
      next(); // a stray '>' or ':' in a group
    }
  }

  /** The comment written after an address (when there is no display name), as its name. */
  private String trailingComment() {
    lastComment = null;
    skipCfws();
    return lastComment == null || lastComment.isEmpty() ? null : lastComment;
  }

  /** An obsolete route {@code @a,@b:} before the address in angle brackets (RFC 5322 §4.4), or null. */
  private String route() {
    if (!peek().is('@')) {
      return null;
    }
    int save = pos;
    StringBuilder sb = new StringBuilder();
    while (peek().is('@')) {
      next();
      sb.append('@').append(domain());
      if (peek().is(',')) {
        next();
        sb.append(',');
      }
    }
    if (peek().is(':')) {
      next();
      return sb.toString();
    }
    pos = save; // not a route after all
    return null;
  }

  private String domain() {
    StringBuilder sb = new StringBuilder();
    while (true) {
      Token t = peek();
      if (t.type() == Type.WORD || t.type() == Type.LITERAL || t.is('.')) {
        sb.append(next().text());
      } else {
        break;
      }
    }
    return sb.toString();
  }

  /** Words joined: with single spaces for a display name, as written (dots, no spaces) for a local part. */
  private static String phrase(List<Token> tokens, boolean display) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      if (display && sb.length() > 0 && !t.is('.')) {
        sb.append(' ');
      }
      if (!display && t.type() == Type.QUOTED) {
        sb.append('"').append(t.text().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        sb.append(t.text());
      }
    }
    return sb.toString();
  }
}
