package dev.fakemail.core.internal.imap;

/**
 * Mailbox names in modified UTF-7 (RFC 3501 §5.1.3): printable ASCII stands for itself, {@code &} is
 * {@code &-}, anything else is UTF-16 in base64 (with {@code ,} for {@code /}, no padding) between
 * {@code &} and {@code -}. Names are stored as Unicode and converted at the wire.
 */
final class ModifiedUtf7 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

  private ModifiedUtf7() {}

  /** Encodes a Unicode name for the wire. */
  static String encode(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '&') {
        out.append("&-");
        i++;
      } else if (c >= 0x20 && c <= 0x7e) {
        out.append(c);
        i++;
      } else {
        int end = i;
        while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
          end++;
        }
        out.append('&');
        int bits = 0;
        int buffer = 0;
        for (int k = i; k < end; k++) {
          buffer = (buffer << 16) | name.charAt(k);
          bits += 16;
          while (bits >= 6) {
            bits -= 6;
            out.append(ALPHABET.charAt((buffer >> bits) & 0x3f));
          }
        }
        if (bits > 0) {
          out.append(ALPHABET.charAt((buffer << (6 - bits)) & 0x3f));
        }
        out.append('-');
        i = end;
      }
    }
    return out.toString();
  }

  /**
   * Decodes a name from the wire. Octets outside printable ASCII (a client sending UTF-8) are taken
   * as they are.
   *
   * @throws IllegalArgumentException for a {@code &} that starts no valid encoded run
   */
  static String decode(String wire) {
    if (wire.indexOf('&') < 0) {
      return wire;
    }
    StringBuilder out = new StringBuilder(wire.length());
    int i = 0;
    while (i < wire.length()) {
      char c = wire.charAt(i);
      if (c != '&') {
        out.append(c);
        i++;
        continue;
      }
      int end = wire.indexOf('-', i + 1);
      if (end < 0) {
        throw new IllegalArgumentException("'&' starts a modified UTF-7 run that has no closing '-' (write '&' as '&-')");
      }
      if (end == i + 1) {
        out.append('&');
        i = end + 1;
        continue;
      }
      int bits = 0;
      int buffer = 0;
      for (int k = i + 1; k < end; k++) {
        int v = ALPHABET.indexOf(wire.charAt(k));
        if (v < 0) {
          throw new IllegalArgumentException("'" + wire.charAt(k) + "' is not valid in a modified UTF-7 run");
        }
        buffer = (buffer << 6) | v;
        bits += 6;
        if (bits >= 16) {
          bits -= 16;
          out.append((char) ((buffer >> bits) & 0xffff));
        }
      }
      if (bits >= 6 || (buffer & ((1 << bits) - 1)) != 0) {
        throw new IllegalArgumentException("modified UTF-7 run '" + wire.substring(i, end + 1) + "' has leftover bits");
      }
      i = end + 1;
    }
    return out.toString();
  }
}
