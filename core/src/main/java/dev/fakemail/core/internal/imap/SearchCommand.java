package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.MailContent;
import dev.fakemail.core.internal.protocol.BasicCommand;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * SEARCH and UID SEARCH (RFC 3501 §6.4.4): the keys are parsed into a predicate and tested against
 * each message of the selected folder. Strings match case-insensitively as substrings of decoded
 * header values or decoded text parts.
 */
final class SearchCommand extends BasicCommand<ImapState> implements ImapCommand {
  SearchCommand() {
    super(ImapState.SELECTED_ONLY, "SEARCH", "UID SEARCH");
  }

  /** Deepest nesting of parenthesised lists, NOT and OR; deeper input gets BAD instead of overflowing the stack. */
  static final int MAX_DEPTH = 100;
  /** RFC 3501 date: the month name in any case (§9: the grammar's letters are case-insensitive). */
  private static final DateTimeFormatter DATE = new java.time.format.DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("d-MMM-yyyy").toFormatter(Locale.ROOT);

  /** A search key: decides for one message with its sequence number. */
  interface Key {
    boolean matches(FolderMessage m, int seq, SelectedFolder sel);
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    Set<String> returns = null; // ESEARCH (RFC 4731): SEARCH RETURN (MIN MAX ALL COUNT) keys
    if (a.peekAtom().equalsIgnoreCase("RETURN")) {
      a.atom();
      a.sp();
      returns = returnOptions(a);
      a.sp();
    }
    if (a.peekAtom().equalsIgnoreCase("CHARSET")) {
      a.atom();
      a.sp();
      String charset = a.astring();
      if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
        return new ImapResult(ImapResult.Status.NO, "BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset " + charset);
      }
      a.sp();
    }
    List<Key> keys = new ArrayList<>();
    while (!a.atEnd()) {
      keys.add(parseKey(a));
      a.tryChar(' ');
    }
    if (keys.isEmpty()) {
      throw ImapException.bad("Syntax: SEARCH key ...");
    }
    SelectedFolder sel = s.selected();
    List<Long> found = new ArrayList<>();
    for (int seq = 1; seq <= sel.size(); seq++) {
      FolderMessage m = sel.at(seq);
      boolean all = true;
      for (Key k : keys) {
        if (!k.matches(m, seq, sel)) {
          all = false;
          break;
        }
      }
      if (all) {
        found.add(r.uid() ? m.uid() : seq);
      }
    }
    if (returns != null) {
      s.untagged(esearch(r.tag(), r.uid(), returns, found));
    } else {
      StringBuilder sb = new StringBuilder("SEARCH");
      for (long n : found) {
        sb.append(' ').append(n);
      }
      s.untagged(sb.toString());
    }
    return ImapResult.ok(r.fullName() + " completed");
  }

  /** The RETURN options (RFC 4731 §3.1); an empty list means ALL. */
  static Set<String> returnOptions(ImapArgs a) throws ImapException {
    a.expect('(');
    Set<String> out = new java.util.LinkedHashSet<>();
    while (!a.tryChar(')')) {
      if (a.atEnd()) {
        throw ImapException.bad("Unterminated RETURN options");
      }
      String opt = a.atom().toUpperCase(Locale.ROOT);
      if (!Set.of("MIN", "MAX", "ALL", "COUNT").contains(opt)) {
        throw ImapException.bad("Unknown SEARCH RETURN option " + opt);
      }
      out.add(opt);
      a.tryChar(' ');
    }
    if (out.isEmpty()) {
      out.add("ALL");
    }
    return out;
  }

  /** {@code ESEARCH (TAG "t") [UID] MIN n MAX n ALL set COUNT n}: MIN, MAX and ALL only when something matched. */
  static String esearch(String tag, boolean uid, Set<String> returns, List<Long> found) {
    StringBuilder sb = new StringBuilder("ESEARCH (TAG ").append(ImapWire.string(tag)).append(')');
    if (uid) {
      sb.append(" UID");
    }
    if (!found.isEmpty()) {
      if (returns.contains("MIN")) {
        sb.append(" MIN ").append(java.util.Collections.min(found));
      }
      if (returns.contains("MAX")) {
        sb.append(" MAX ").append(java.util.Collections.max(found));
      }
      if (returns.contains("ALL")) {
        sb.append(" ALL ").append(sequenceSet(found));
      }
    }
    if (returns.contains("COUNT")) {
      sb.append(" COUNT ").append(found.size());
    }
    return sb.toString();
  }

  /** Ascending numbers as a compact sequence set: {@code 1:3,5,7:9}. */
  static String sequenceSet(List<Long> numbers) {
    List<Long> sorted = new ArrayList<>(numbers);
    java.util.Collections.sort(sorted);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(sorted.get(i));
      if (j > i) {
        sb.append(':').append(sorted.get(j));
      }
      i = j + 1;
    }
    return sb.toString();
  }

  static Key parseKey(ImapArgs a) throws ImapException {
    return parseKey(a, 0);
  }

  private static Key parseKey(ImapArgs a, int depth) throws ImapException {
    if (depth > MAX_DEPTH) {
      throw ImapException.bad("Search keys nested deeper than " + MAX_DEPTH + " levels");
    }
    if (a.tryChar('(')) {
      List<Key> all = new ArrayList<>();
      while (!a.tryChar(')')) {
        if (a.atEnd()) {
          throw ImapException.bad("Unterminated search list");
        }
        all.add(parseKey(a, depth + 1));
        a.tryChar(' ');
      }
      return (m, seq, sel) -> all.stream().allMatch(k -> k.matches(m, seq, sel));
    }
    String word = a.word();
    String key = word.toUpperCase(Locale.ROOT);
    switch (key) {
      case "ALL": return (m, seq, sel) -> true;
      case "ANSWERED": return flag(Flags.ANSWERED, true);
      case "UNANSWERED": return flag(Flags.ANSWERED, false);
      case "DELETED": return flag(Flags.DELETED, true);
      case "UNDELETED": return flag(Flags.DELETED, false);
      case "DRAFT": return flag(Flags.DRAFT, true);
      case "UNDRAFT": return flag(Flags.DRAFT, false);
      case "FLAGGED": return flag(Flags.FLAGGED, true);
      case "UNFLAGGED": return flag(Flags.FLAGGED, false);
      case "SEEN": return flag(Flags.SEEN, true);
      case "UNSEEN": return flag(Flags.SEEN, false);
      case "RECENT": return (m, seq, sel) -> sel.flags(m).contains(Flags.RECENT);
      case "OLD": return (m, seq, sel) -> !sel.flags(m).contains(Flags.RECENT);
      case "NEW": return (m, seq, sel) -> sel.flags(m).contains(Flags.RECENT) && !m.hasFlag(Flags.SEEN);
      case "KEYWORD": {
        String k = arg(a);
        return (m, seq, sel) -> m.flags().stream().anyMatch(k::equalsIgnoreCase);
      }
      case "UNKEYWORD": {
        String k = arg(a);
        return (m, seq, sel) -> m.flags().stream().noneMatch(k::equalsIgnoreCase);
      }
      case "FROM": case "TO": case "CC": case "BCC": {
        String v = arg(a);
        String header = key.charAt(0) + key.substring(1).toLowerCase(Locale.ROOT);
        return content(c -> addressContains(headers(c), header, v));
      }
      case "SUBJECT": {
        String v = arg(a);
        return content(c -> headerContains(headers(c), "Subject", v));
      }
      case "HEADER": {
        a.sp();
        String name = a.stringOrAtom();
        String v = arg(a);
        return content(c -> headerContains(headers(c), name, v));
      }
      case "BODY": {
        String v = arg(a);
        return content(c -> bodyContains(c, v));
      }
      case "TEXT": {
        String v = arg(a);
        return content(c -> bodyContains(c, v) || headersContain(c, v));
      }
      case "LARGER": {
        long n = number(a);
        return (m, seq, sel) -> m.content().size() > n;
      }
      case "SMALLER": {
        long n = number(a);
        return (m, seq, sel) -> m.content().size() < n;
      }
      case "SINCE": case "BEFORE": case "ON": {
        LocalDate d = date(a);
        return (m, seq, sel) -> compare(m.content().internalDate().atZone(ZoneOffset.UTC).toLocalDate(), d, key);
      }
      case "SENTSINCE": case "SENTBEFORE": case "SENTON": {
        LocalDate d = date(a);
        String op = key.substring(4);
        return content(c -> {
          LocalDate sent = sentDate(c);
          return sent != null && compare(sent, d, op);
        });
      }
      case "UID": {
        a.sp();
        SequenceSet set = SequenceSet.parse(a.word());
        return (m, seq, sel) -> set.contains(m.uid(), sel.maxUid());
      }
      case "NOT": {
        a.sp();
        Key k = parseKey(a, depth + 1);
        return (m, seq, sel) -> !k.matches(m, seq, sel);
      }
      case "OR": {
        a.sp();
        Key k1 = parseKey(a, depth + 1);
        a.sp();
        Key k2 = parseKey(a, depth + 1);
        return (m, seq, sel) -> k1.matches(m, seq, sel) || k2.matches(m, seq, sel);
      }
      default: {
        if (!key.isEmpty() && (Character.isDigit(key.charAt(0)) || key.charAt(0) == '*')) {
          SequenceSet set = SequenceSet.parse(word);
          return (m, seq, sel) -> set.contains(seq, sel.size());
        }
        throw ImapException.bad("Unknown search key " + word);
      }
    }
  }

  private static boolean compare(LocalDate actual, LocalDate d, String op) {
    return switch (op) {
      case "SINCE" -> !actual.isBefore(d);
      case "BEFORE" -> actual.isBefore(d);
      default -> actual.equals(d);
    };
  }

  private static Key flag(String flag, boolean set) {
    return (m, seq, sel) -> m.hasFlag(flag) == set;
  }

  private static Key content(Predicate<MailContent> p) {
    return (m, seq, sel) -> p.test(m.content());
  }

  private static String arg(ImapArgs a) throws ImapException {
    a.sp();
    return a.stringOrAtom();
  }

  private static long number(ImapArgs a) throws ImapException {
    a.sp();
    return a.number();
  }

  private static LocalDate date(ImapArgs a) throws ImapException {
    a.sp();
    String text = a.stringOrAtom();
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw ImapException.bad("Bad date " + text + "; expected d-Mon-yyyy");
    }
  }

  private static boolean containsIgnoreCase(String haystack, String needle) {
    return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  /** The message's header fields, read from its octets (raw UTF-8 as sent). */
  private static HeaderFields headers(MailContent c) {
    return HeaderFields.of(c.bytes(0, c.headerLength()));
  }

  /** A header value with its encoded words (RFC 2047) decoded; raw UTF-8 (RFC 6532) is already text. */
  private static String decoded(String v) {
    try {
      return MimeUtility.decodeText(v);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return v;
    }
  }

  private static boolean headerContains(HeaderFields h, String name, String value) {
    for (String v : h.all(name)) {
      if (value.isEmpty() || containsIgnoreCase(decoded(v), value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An address header contains the text in a display name, a group name or the address as the
   * ENVELOPE has it (mailbox@host: comments and white space inside the address are not part of it).
   */
  private static boolean addressContains(HeaderFields h, String name, String value) {
    for (String v : h.all(name)) {
      if (value.isEmpty()) {
        return true;
      }
      List<AddressList.Address> list = AddressList.parse(v);
      if (list.isEmpty() && containsIgnoreCase(decoded(v), value)) {
        return true;
      }
      for (AddressList.Address a : list) {
        String address = a.mailbox() == null ? null : a.host() == null ? a.mailbox() : a.mailbox() + "@" + a.host();
        if ((a.name() != null && containsIgnoreCase(decoded(a.name()), value)) || containsIgnoreCase(address, value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean headersContain(MailContent c, String value) {
    for (String line : headers(c).lines()) {
      if (containsIgnoreCase(decoded(line), value)) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern SENT_DATE =
      java.util.regex.Pattern.compile("(?:[A-Za-z]+\\s*,)?\\s*(\\d{1,2})\\s+([A-Za-z]{3})[A-Za-z]*\\.?\\s+(\\d{2,4})\\b");

  /**
   * The day of the Date header in its own time zone (RFC 3501 §6.4.4: "disregarding time and
   * timezone"); null if there is none that can be read.
   */
  static LocalDate sentDate(MailContent c) {
    String v = headers(c).get("Date");
    if (v == null) {
      return null;
    }
    java.util.regex.Matcher m = SENT_DATE.matcher(v);
    if (!m.find()) {
      return null;
    }
    try {
      int year = Integer.parseInt(m.group(3));
      if (m.group(3).length() == 2) {
        year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3
      } else if (m.group(3).length() == 3) {
        year += 1900;
      }
      return LocalDate.parse(m.group(1) + "-" + m.group(2) + "-" + year, DATE);
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }

  private static boolean bodyContains(MailContent c, String value) {
    try {
      if (textContains(c.mime(), value, 0)) {
        return true;
      }
    } catch (MessagingException | IOException e) {
      // fall back to the raw octets
    }
    return containsIgnoreCase(new String(c.bytes(c.headerLength(), c.size()), StandardCharsets.UTF_8), value);
  }

  private static boolean textContains(Part p, String value, int depth) throws MessagingException, IOException {
    if (depth > 20) {
      return false;
    }
    if (p.isMimeType("text/*")) {
      Object content = p.getContent();
      return content instanceof String s && containsIgnoreCase(s, value);
    }
    if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart bp = mp.getBodyPart(i);
        if (textContains(bp, value, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }
}
