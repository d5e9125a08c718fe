package dev.fakemail.core.internal.imap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** How values are written in responses: quoted strings or literals, NIL, lists, dates. */
final class ImapWire {
  static final DateTimeFormatter INTERNALDATE =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ImapWire() {}

  /** A string as a quoted string when it can be one, otherwise as a literal. */
  static String string(String s) {
    return string(s, false);
  }

  /**
   * A string as a quoted string when it can be one, otherwise as a literal (of its UTF-8 octets).
   * Non-ASCII text can be quoted only for a client that enabled UTF8=ACCEPT (RFC 6855 §3, utf8-quoted).
   */
  static String string(String s, boolean utf8) {
    boolean quotable = s.length() < 1024;
    for (int i = 0; i < s.length() && quotable; i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c == 127 || (c > 127 && !utf8)) {
        quotable = false;
      }
    }
    if (quotable && utf8 && hasEscapedOctets(s)) {
      quotable = false; // not UTF-8: only a literal carries the octets
    }
    if (quotable) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return "{" + octets(s).length + "}\r\n" + s;
  }

  /**
   * The character standing for a header octet that is not part of valid UTF-8 (0x80-0xFF): a lone
   * low surrogate U+DC80-U+DCFF, which no valid text contains, so that {@link #octets} restores it.
   */
  static char escapedOctet(int octet) {
    return (char) (0xDC00 | octet);
  }

  private static boolean isEscape(String s, int i) {
    char c = s.charAt(i);
    return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
  }

  private static boolean hasEscapedOctets(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        return true;
      }
    }
    return false;
  }

  /** The octets a response string is sent as: UTF-8, and each escaped octet as itself. */
  static byte[] octets(String s) {
    if (!hasEscapedOctets(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length() + 16);
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (isEscape(s, i)) {
        out.writeBytes(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
        out.write(s.charAt(i) & 0xff);
        start = i + 1;
      }
    }
    out.writeBytes(s.substring(start).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  static String nstring(String s) {
    return s == null ? "NIL" : string(s);
  }

  static String nstring(String s, boolean utf8) {
    return s == null ? "NIL" : string(s, utf8);
  }

  /** A mailbox name: INBOX as an atom, others quoted, in modified UTF-7 (RFC 3501 §5.1.3). */
  static String mailbox(String name) {
    return name.equals("INBOX") ? "INBOX" : string(ModifiedUtf7.encode(name));
  }

  /**
   * Appends {@link #mailbox(String, boolean)}: a name of printable ASCII without {@code &},
   * {@code "} and {@code \\} (most names) is the same in modified UTF-7 and quoted as it is, with
   * no string made for it.
   */
  static StringBuilder appendMailbox(StringBuilder out, String name, boolean utf8) {
    if (name.length() >= 1024) {
      return out.append(mailbox(name, utf8));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '&' || c == '"' || c == '\\') {
        return out.append(mailbox(name, utf8));
      }
    }
    return name.equals("INBOX") ? out.append(name) : out.append('"').append(name).append('"');
  }

  /** A mailbox name for a session: in UTF-8 once it enabled UTF8=ACCEPT (RFC 6855 §3), else modified UTF-7. */
  static String mailbox(String name, boolean utf8) {
    return utf8 && !name.equals("INBOX") ? string(name, true) : mailbox(name);
  }

  static String list(Collection<String> items) {
    return "(" + String.join(" ", items) + ")";
  }

  static String date(Instant t) {
    return "\"" + INTERNALDATE.format(t) + "\"";
  }
}
