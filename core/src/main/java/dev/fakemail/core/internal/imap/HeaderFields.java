package dev.fakemail.core.internal.imap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message (or of a message/rfc822 part) read from its octets: names, and
 * values unfolded (line breaks removed, RFC 5322 §2.2.3). Values are UTF-8 (RFC 6532: headers
 * received over SMTPUTF8), so raw UTF-8 reads back as sent; in a field that is not valid UTF-8 each
 * non-ASCII octet is kept as an escape ({@link ImapWire#escapedOctet}) and goes out as that octet.
 */
final class HeaderFields {
  private record Field(String name, String value) {}

  private final List<Field> fields;

  private HeaderFields(List<Field> fields) {
    this.fields = fields;
  }

  /** The header section at the start of {@code message} (up to the empty line, or all of it). */
  static HeaderFields of(byte[] message) {
    int end = dev.fakemail.core.internal.mailbox.MailContent.findHeaderEnd(message);
    List<Field> out = new ArrayList<>();
    int i = 0;
    int fieldStart = -1;
    while (i < end) {
      int lineEnd = i;
      while (lineEnd < end && message[lineEnd] != '\n') {
        lineEnd++;
      }
      boolean continuation = message[i] == ' ' || message[i] == '\t';
      if (!continuation) {
        if (fieldStart >= 0) {
          add(out, message, fieldStart, i);
        }
        fieldStart = i;
      }
      i = lineEnd + 1;
    }
    if (fieldStart >= 0) {
      add(out, message, fieldStart, Math.min(i, end));
    }
    return new HeaderFields(out);
  }

  private static void add(List<Field> out, byte[] b, int from, int to) {
    int colon = from;
    while (colon < to && b[colon] != ':') {
      colon++;
    }
    if (colon >= to) {
      return; // not a field (the blank line, or garbage)
    }
    String name = new String(b, from, colon - from, StandardCharsets.ISO_8859_1).trim();
    byte[] value = new byte[to - colon - 1];
    int n = 0;
    for (int k = colon + 1; k < to; k++) {
      if (b[k] != '\r' && b[k] != '\n') {
        value[n++] = b[k];
      }
    }
    out.add(new Field(name, text(value, n)));
  }

  private static String text(byte[] b, int n) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString();
    } catch (CharacterCodingException e) {
      // not UTF-8: each non-ASCII octet as an escape that ImapWire.octets turns back into that octet
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        int o = b[i] & 0xff;
        sb.append(o < 0x80 ? (char) o : ImapWire.escapedOctet(o));
      }
      return sb.toString();
    }
  }

  /** The first field of that name (any case), with the white space around it trimmed; null if none. */
  String get(String name) {
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.value().trim();
      }
    }
    return null;
  }

  /** Every field of that name, in order, untrimmed. */
  List<String> all(String name) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** Every field as {@code name: value}, for searches over the whole header. */
  List<String> lines() {
    List<String> out = new ArrayList<>(fields.size());
    for (Field f : fields) {
      out.add(f.name() + ":" + f.value());
    }
    return out;
  }

  @Override
  public String toString() {
    return "HeaderFields" + fields.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
  }
}
