package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.MailContent;
import dev.fakemail.core.internal.protocol.BasicCommand;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SORT and UID SORT (RFC 5256 §3): the messages that match the search keys, ordered by ARRIVAL, CC,
 * DATE, FROM, SIZE, SUBJECT (the base subject, §2.1) or TO, each optionally REVERSE, ties broken by
 * sequence number. Strings compare with i;ascii-casemap.
 */
final class SortCommand extends BasicCommand<ImapState> implements ImapCommand {
  SortCommand() {
    super(ImapState.SELECTED_ONLY, "SORT", "UID SORT");
  }

  private static final Set<String> CRITERIA = Set.of("ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO");

  private record Criterion(String key, boolean reverse) {}

  private record Row(int seq, long uid, Comparable<Object>[] values) {}

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    a.expect('(');
    List<Criterion> criteria = new ArrayList<>();
    boolean reverse = false;
    while (!a.tryChar(')')) {
      if (a.atEnd()) {
        throw ImapException.bad("Unterminated sort criteria");
      }
      String key = a.atom().toUpperCase(Locale.ROOT);
      a.tryChar(' ');
      if (key.equals("REVERSE")) {
        reverse = true;
        continue;
      }
      if (!CRITERIA.contains(key)) {
        throw ImapException.bad("Unknown sort criterion " + key);
      }
      criteria.add(new Criterion(key, reverse));
      reverse = false;
    }
    if (criteria.isEmpty() || reverse) {
      throw ImapException.bad("Syntax: SORT ([REVERSE] criterion ...) charset search-keys");
    }
    a.sp();
    String charset = a.astring();
    if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
      return new ImapResult(ImapResult.Status.NO, "BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset " + charset);
    }
    a.sp();
    List<SearchCommand.Key> keys = new ArrayList<>();
    while (!a.atEnd()) {
      keys.add(SearchCommand.parseKey(a));
      a.tryChar(' ');
    }
    if (keys.isEmpty()) {
      throw ImapException.bad("Syntax: SORT (criteria) charset search-keys");
    }
    SelectedFolder sel = s.selected();
    List<Row> rows = new ArrayList<>();
    for (int seq = 1; seq <= sel.size(); seq++) {
      FolderMessage m = sel.at(seq);
      boolean all = true;
      for (SearchCommand.Key k : keys) {
        if (!k.matches(m, seq, sel)) {
          all = false;
          break;
        }
      }
      if (all) {
        rows.add(new Row(seq, m.uid(), values(m.content(), criteria)));
      }
    }
    Comparator<Row> order = (x, y) -> {
      for (int i = 0; i < criteria.size(); i++) {
        int c = x.values()[i].compareTo(y.values()[i]);
        if (c != 0) {
          return criteria.get(i).reverse() ? -c : c;
        }
      }
      return Integer.compare(x.seq(), y.seq());
    };
    rows.sort(order);
    StringBuilder sb = new StringBuilder("SORT");
    for (Row row : rows) {
      sb.append(' ').append(r.uid() ? row.uid() : row.seq());
    }
    s.untagged(sb.toString());
    return ImapResult.ok(r.fullName() + " completed");
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object>[] values(MailContent c, List<Criterion> criteria) {
    Comparable<?>[] out = new Comparable<?>[criteria.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (criteria.get(i).key()) {
        case "ARRIVAL" -> c.internalDate();
        case "SIZE" -> (long) c.size();
        case "DATE" -> sentDate(c);
        case "SUBJECT" -> asciiUpper(baseSubject(header(c, "Subject")));
        default -> asciiUpper(firstMailbox(header(c, criteria.get(i).key())));
      };
    }
    return (Comparable<Object>[]) out;
  }

  /** i;ascii-casemap (RFC 4790 §9.2): a-z compare as A-Z, so "[" and "_" sort after letters. */
  static String asciiUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return sb.toString();
  }

  /** The Date header as an instant; the internal date when it is missing or unreadable (RFC 5256 §3). */
  private static Instant sentDate(MailContent c) {
    try {
      java.util.Date d = c.mime().getSentDate();
      if (d != null) {
        return d.toInstant();
      }
    } catch (MessagingException | RuntimeException e) {
      // fall through
    }
    return c.internalDate();
  }

  /** The first occurrence of a header, unfolded and with encoded words decoded; "" when absent. */
  private static String header(MailContent c, String name) {
    try {
      String v = c.mime().getHeader(name, null);
      if (v == null) {
        return "";
      }
      String unfolded = MimeUtility.unfold(v);
      try {
        return MimeUtility.decodeText(unfolded);
      } catch (UnsupportedEncodingException e) {
        return unfolded;
      }
    } catch (MessagingException e) {
      return "";
    }
  }

  /** The local part (addr-mailbox) of the first address in an address header (RFC 5256 §3: FROM, TO, CC). */
  static String firstMailbox(String value) {
    if (value.isBlank()) {
      return "";
    }
    try {
      InternetAddress[] list = InternetAddress.parseHeader(value, false);
      if (list.length == 0 || list[0].getAddress() == null) {
        return "";
      }
      String address = list[0].getAddress();
      if (list[0].isGroup()) { // the envelope's group start marker carries the group name as its mailbox
        return address.substring(0, address.indexOf(':')).trim();
      }
      int at = address.lastIndexOf('@');
      return at < 0 ? address : address.substring(0, at);
    } catch (AddressException e) {
      return "";
    }
  }

  /** The base subject (RFC 5256 §2.1): without Re:, Fw:, Fwd:, [blob] leaders, (fwd) trailers and [fwd: ...] wrappers. */
  static String baseSubject(String subject) {
    String s = subject.replaceAll("[ \t\r\n]+", " ");
    while (true) {
      boolean changed = true;
      while (changed) { // (2) trailers
        changed = false;
        if (s.endsWith(" ")) {
          s = s.substring(0, s.length() - 1);
          changed = true;
        } else if (s.toLowerCase(Locale.ROOT).endsWith("(fwd)")) {
          s = s.substring(0, s.length() - 5);
          changed = true;
        }
      }
      changed = true;
      while (changed) { // (3) leaders, (4) a leading blob when something is left
        changed = false;
        if (s.startsWith(" ")) {
          s = s.substring(1);
          changed = true;
          continue;
        }
        int p = 0;
        int blob;
        while ((blob = blobEnd(s, p)) > 0) {
          p = skipSpaces(s, blob);
        }
        int refwd = refwdEnd(s, p);
        if (refwd > 0) {
          s = s.substring(refwd);
          changed = true;
          continue;
        }
        blob = blobEnd(s, 0);
        if (blob > 0) {
          String rest = s.substring(skipSpaces(s, blob));
          if (!rest.isEmpty()) {
            s = rest;
            changed = true;
          }
        }
      }
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("[fwd:") && s.endsWith("]")) { // (5)
        s = s.substring(5, s.length() - 1);
        continue;
      }
      return s;
    }
  }

  /** The index after {@code [blobchars]} starting at p, or -1. */
  private static int blobEnd(String s, int p) {
    if (p >= s.length() || s.charAt(p) != '[') {
      return -1;
    }
    for (int i = p + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ']') {
        return i + 1;
      }
      if (c == '[') {
        return -1;
      }
    }
    return -1;
  }

  private static int skipSpaces(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  /** The index after {@code ("re" / "fw" ["d"]) *WSP [blob] ":"} at p, or -1. */
  private static int refwdEnd(String s, int p) {
    String lower = s.toLowerCase(Locale.ROOT);
    int q;
    if (lower.startsWith("re", p)) {
      q = p + 2;
    } else if (lower.startsWith("fwd", p)) {
      q = p + 3;
    } else if (lower.startsWith("fw", p)) {
      q = p + 2;
    } else {
      return -1;
    }
    q = skipSpaces(s, q);
    int blob = blobEnd(s, q);
    if (blob > 0) {
      q = blob;
    }
    return q < s.length() && s.charAt(q) == ':' ? q + 1 : -1;
  }
}
