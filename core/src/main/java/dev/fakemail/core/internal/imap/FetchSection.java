package dev.fakemail.core.internal.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FETCH section (RFC 3501 §6.4.5, {@code BODY[section]}, {@code BINARY[section]}) as a value, made
 * when the FETCH command is parsed: the part path ({@code 1.2}, empty for the whole message), the
 * section text after it, the header field names of {@code HEADER.FIELDS (...)}, and the section as
 * the client wrote it, which the response repeats. A section that cannot name anything is BAD here,
 * before any message is read; whether a path exists in a message is for {@link MessageParts}.
 *
 * @param part   part numbers, each at least 1; empty for the message itself
 * @param spec   what of the part: all of it, HEADER, TEXT, HEADER.FIELDS[.NOT] or MIME
 * @param fields lower-case field names of HEADER.FIELDS and HEADER.FIELDS.NOT, else empty
 * @param text   the section as sent, echoed in the response ({@code BODY[HEADER.FIELDS (Subject)]})
 */
record FetchSection(List<Integer> part, Spec spec, List<String> fields, String text) {
  /** What a section takes of its part (or message). */
  enum Spec { ALL, HEADER, TEXT, HEADER_FIELDS, HEADER_FIELDS_NOT, MIME }

  /** {@code BODY[]}: the whole message. */
  static final FetchSection WHOLE = new FetchSection(List.of(), Spec.ALL, List.of(), "");

  FetchSection {
    part = List.copyOf(part);
    fields = List.copyOf(fields);
  }

  /**
   * Parses the text between the brackets. Part numbers start at 1; the text after them is one of
   * HEADER, TEXT, HEADER.FIELDS (names), HEADER.FIELDS.NOT (names), or MIME after a part number.
   */
  static FetchSection parse(String section) throws ImapException {
    String s = section.trim();
    int i = 0;
    List<Integer> path = new ArrayList<>();
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      int j = i;
      while (j < s.length() && Character.isDigit(s.charAt(j))) {
        j++;
      }
      int n = Integer.parseInt(s.substring(i, Math.min(j, i + 6)));
      if (n == 0) {
        throw ImapException.bad("Part numbers start at 1");
      }
      path.add(n);
      i = j;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
      } else {
        break;
      }
    }
    String spec = s.substring(i).trim();
    String upper = spec.toUpperCase(Locale.ROOT);
    if (upper.isEmpty()) {
      return new FetchSection(path, Spec.ALL, List.of(), section);
    }
    if (upper.equals("MIME") && !path.isEmpty()) {
      return new FetchSection(path, Spec.MIME, List.of(), section);
    }
    if (upper.equals("HEADER")) {
      return new FetchSection(path, Spec.HEADER, List.of(), section);
    }
    if (upper.equals("TEXT")) {
      return new FetchSection(path, Spec.TEXT, List.of(), section);
    }
    boolean not = upper.startsWith("HEADER.FIELDS.NOT");
    if (!not && !upper.startsWith("HEADER.FIELDS")) {
      throw ImapException.bad("Unknown section " + spec);
    }
    int open = spec.indexOf('(');
    int close = spec.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw ImapException.bad("Syntax: HEADER.FIELDS (name ...)");
    }
    List<String> names = new ArrayList<>();
    for (String n : spec.substring(open + 1, close).trim().split(" +")) {
      if (!n.isEmpty()) {
        names.add(n.replace("\"", "").toLowerCase(Locale.ROOT));
      }
    }
    return new FetchSection(path, not ? Spec.HEADER_FIELDS_NOT : Spec.HEADER_FIELDS, names, section);
  }

  /** The MIME header of the same part ({@code 1.2.MIME}), as BINARY reads a part's encoding. */
  FetchSection mime() {
    return new FetchSection(part, Spec.MIME, List.of(), text.trim() + ".MIME");
  }

  /** Whether it names a whole part (or message) by number only, as BINARY needs. */
  boolean partOnly() {
    return spec == Spec.ALL;
  }

  /** The section text after the part numbers, as sent ({@code TEXT} of {@code 1.TEXT}), for messages. */
  String specText() {
    return text.trim().replaceFirst("^(\\d+\\.)*(\\d+)?", "").trim();
  }
}
