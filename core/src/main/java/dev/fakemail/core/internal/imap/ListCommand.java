package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderListing;
import dev.fakemail.core.internal.mailbox.Mailbox;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * LIST and LSUB (RFC 3501 §6.3.8, §6.3.9) with LIST-EXTENDED (RFC 5258: selection options
 * SUBSCRIBED, REMOTE, RECURSIVEMATCH and SPECIAL-USE, several patterns, return options SUBSCRIBED,
 * CHILDREN, SPECIAL-USE), SPECIAL-USE attributes (RFC 6154) and LIST-STATUS (RFC 5819). Patterns
 * match only names in the user's own mailbox. Each pattern walks only the folders under its literal
 * prefix (see {@link Mailbox#list}), so the cost follows the folders listed; {@code LIST "" *}, and a
 * {@code prefix*} pattern while the snapshot is there, read the mailbox's listing snapshot
 * ({@link FolderListing}) instead, octet for octet the same lines.
 */
final class ListCommand extends BasicCommand<ImapState> implements ImapCommand {
  ListCommand() {
    super(ImapState.LOGGED_IN, "LIST", "LSUB");
  }

  private static final String CHILDINFO = "(\"CHILDINFO\" (\"SUBSCRIBED\"))";

  /** One name to answer: its attributes and, for RECURSIVEMATCH, its CHILDINFO. */
  private static final class Entry {
    final String name;
    final Folder folder;
    boolean matched;
    boolean childSubscribed;

    Entry(String name, Folder folder) {
      this.name = name;
      this.folder = folder;
    }
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    boolean lsub = r.name().equals("LSUB");
    boolean specialOnly = false;
    boolean subscribedOnly = false;
    boolean recursive = false;
    boolean returnSubscribed = false;
    List<String> statusItems = null;
    if (!lsub && a.tryChar('(')) {
      for (String opt : a.readUntil(')').trim().split(" +")) {
        switch (opt.toUpperCase(Locale.ROOT)) {
          case "SPECIAL-USE" -> specialOnly = true;
          case "SUBSCRIBED" -> subscribedOnly = true;
          case "RECURSIVEMATCH" -> recursive = true;
          case "", "REMOTE" -> { }
          default -> throw ImapException.bad("Unknown LIST selection option " + opt);
        }
      }
      a.expect(')');
      a.sp();
      if (recursive && !subscribedOnly) { // RFC 5258 §3: it only qualifies an option that selects
        throw ImapException.bad("RECURSIVEMATCH needs the SUBSCRIBED selection option");
      }
    }
    String reference = a.mailbox();
    a.sp();
    List<String> patterns = new ArrayList<>();
    boolean patternList = !lsub && a.tryChar('(');
    if (patternList) {
      while (!a.tryChar(')')) {
        if (a.atEnd()) {
          throw ImapException.bad("Unterminated pattern list");
        }
        patterns.add(pattern(a));
        a.tryChar(' ');
      }
      if (patterns.isEmpty()) {
        throw ImapException.bad("Empty pattern list");
      }
    } else {
      patterns.add(pattern(a));
    }
    if (!lsub && a.tryChar(' ')) {
      if (!a.atom().equalsIgnoreCase("RETURN")) {
        throw ImapException.bad("Expected RETURN (options)");
      }
      a.sp();
      a.expect('(');
      while (!a.tryChar(')')) {
        if (a.atEnd()) {
          throw ImapException.bad("Unterminated RETURN options");
        }
        String opt = a.atom().toUpperCase(Locale.ROOT);
        switch (opt) {
          case "SUBSCRIBED" -> returnSubscribed = true;
          case "CHILDREN", "SPECIAL-USE" -> { } // always sent
          case "STATUS" -> {
            a.sp();
            a.expect('(');
            statusItems = MailboxCommands.Status.parseItems(a);
          }
          default -> throw ImapException.bad("Unknown LIST return option " + opt);
        }
        a.tryChar(' ');
      }
    }
    a.end();
    if (patterns.size() == 1 && patterns.get(0).isEmpty() && !patternList) {
      s.untagged(r.name() + " (\\Noselect) \"/\" \"\"");
      return ImapResult.ok(r.name() + " completed");
    }
    Mailbox box = s.mailbox();
    Options o = new Options(lsub, subscribedOnly, recursive, specialOnly, returnSubscribed, statusItems);
    List<String> fulls = new ArrayList<>();
    for (String p : patterns) {
      if (!p.isEmpty()) {
        fulls.add(fullPattern(reference, p));
      }
    }
    if (fulls.size() == 1 && patterns.size() == 1) {
      stream(s, box, fulls.get(0), o);
      return ImapResult.ok(r.name() + " completed");
    }
    Map<String, Entry> out = new TreeMap<>(); // several patterns: merged in name order, each name once
    for (String full : fulls) {
      String prefix = literalPrefix(full);
      if (lsub || subscribedOnly) {
        for (String name : box.subscriptions(prefix)) {
          if (matches(full, name)) {
            out.computeIfAbsent(name, n -> new Entry(n, box.folder(n).orElse(null))).matched = true;
          } else if (lsub || recursive) {
            if (!lsub && anyMatches(fulls, name)) { // CHILDINFO only when no pattern lists the name itself
              continue;
            }
            for (String superior : superiors(full, name)) {
              out.computeIfAbsent(superior, n -> new Entry(n, box.folder(n).orElse(null))).childSubscribed = true;
            }
          }
        }
      } else {
        for (Folder f : box.list(prefix, maxLevels(full), null, Integer.MAX_VALUE)) {
          if (matches(full, f.name()) && (!specialOnly || f.specialUse() != null)) {
            out.computeIfAbsent(f.name(), n -> new Entry(n, f)).matched = true;
          }
        }
        if (!specialOnly && inboxInAnyCase(full)) {
          out.computeIfAbsent(Mailbox.INBOX, n -> new Entry(n, box.inbox())).matched = true;
        }
      }
    }
    for (Entry e : out.values()) {
      emit(s, box, e, o);
    }
    return ImapResult.ok(r.name() + " completed");
  }

  /** What the command asked for. */
  private record Options(boolean lsub, boolean subscribedOnly, boolean recursive, boolean specialOnly,
      boolean returnSubscribed, List<String> statusItems) {}

  /** Folders fetched from the mailbox at a time: the answer is written as it is walked, never held whole. */
  private static final int CHUNK = 1024;

  /**
   * One pattern: each name is written as it is found, so memory and time per listed folder stay the
   * same whatever the number listed (a whole listing held until written made 100,000 folders cost
   * twice as much per line as 10,000: it outlived young collections).
   */
  private static void stream(ImapSession s, Mailbox box, String full, Options o) throws IOException {
    String prefix = literalPrefix(full);
    if (o.lsub() || o.subscribedOnly()) {
      streamSubscribed(s, box, prefix, full, o);
      return;
    }
    boolean all = full.length() == prefix.length() + 1; // "prefix*", "prefix%": every name walked matches
    int maxLevels = maxLevels(full);
    if (all && maxLevels < 0) { // "prefix*": the whole mailbox (its snapshot made if need be) or its snapshot's range
      FolderListing listing = prefix.isEmpty() ? box.listing() : box.listingIfMade();
      if (listing != null) {
        stream(s, listing, prefix, full, o);
        return;
      }
    }
    walk(s, box, prefix, full, all, maxLevels, o);
  }

  /** LSUB, or LIST (SUBSCRIBED): the subscribed names in the pattern's range. */
  private static void streamSubscribed(ImapSession s, Mailbox box, String prefix, String full, Options o) throws IOException {
    // an unsubscribed superior that the pattern matches: LSUB lists it \Noselect (RFC 3501
    // §6.3.9), LIST (SUBSCRIBED RECURSIVEMATCH) with CHILDINFO (RFC 5258 §3.5); after the others
    Map<String, Entry> superiors = new LinkedHashMap<>();
    boolean every = full.length() == prefix.length() + 1 && full.charAt(prefix.length()) == '*'; // "prefix*"
    for (Map.Entry<String, Folder> sub : box.subscribedFolders(prefix)) {
      String name = sub.getKey();
      if (every || matches(full, name)) {
        emit(s, box, name, sub.getValue(), true, false, o);
      } else if (o.lsub() || o.recursive()) {
        for (String superior : superiors(full, name)) {
          if (!box.isSubscribed(superior)) { // a subscribed one is listed as itself
            superiors.computeIfAbsent(superior, n -> new Entry(n, box.folder(n).orElse(null))).childSubscribed = true;
          }
        }
      }
    }
    for (Entry e : superiors.values()) {
      emit(s, box, e, o);
    }
  }

  /** The folders in the pattern's range of the sorted map, a chunk at a time (the mailbox's monitor is held per chunk). */
  private static void walk(ImapSession s, Mailbox box, String prefix, String full, boolean all, int maxLevels, Options o)
      throws IOException {
    boolean inboxListed = false;
    String after = null;
    while (true) {
      List<Folder> chunk = box.list(prefix, maxLevels, after, CHUNK);
      for (Folder f : chunk) {
        String name = f.name();
        if ((all || matches(full, name)) && (!o.specialOnly() || f.specialUse() != null)) {
          inboxListed |= name.equals(Mailbox.INBOX);
          emit(s, box, name, f, true, false, o);
        }
      }
      if (chunk.size() < CHUNK) {
        break;
      }
      after = chunk.get(chunk.size() - 1).name();
    }
    if (!o.specialOnly() && !inboxListed && inboxInAnyCase(full)) { // INBOX in any case
      Entry e = new Entry(Mailbox.INBOX, box.inbox());
      e.matched = true;
      emit(s, box, e, o);
    }
  }

  /**
   * A {@code prefix*} pattern from a mailbox's listing snapshot: its range found by two binary
   * searches, then each line written from the snapshot's arrays in order, a name's octets copied as
   * they are when it is a plain quoted string. The lines are those {@link #emit} writes for the same
   * folders in the same state.
   */
  private static void stream(ImapSession s, FolderListing listing, String prefix, String full, Options o) throws IOException {
    int from = listing.first(prefix);
    int to = end(listing, from, prefix);
    byte[] line = new byte[256];
    for (int i = from; i < to; i++) {
      int a = listing.attributes(i);
      if (o.specialOnly() && (a & FolderListing.SPECIAL_USE) == 0) {
        continue;
      }
      line = emit(s, listing, i, a, line, o);
    }
    int inbox = listing.first(Mailbox.INBOX);
    boolean inboxListed = inbox >= from && inbox < to; // INBOX is always there, so first() finds it
    if (!o.specialOnly() && !inboxListed && inboxInAnyCase(full)) { // INBOX in any case
      emit(s, listing, inbox, listing.attributes(inbox), line, o);
    }
  }

  /** The end of the range of names that start with {@code prefix}, from its start (a binary search: they are contiguous). */
  private static int end(FolderListing listing, int from, String prefix) {
    if (prefix.isEmpty()) {
      return listing.size();
    }
    int lo = from;
    int hi = listing.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (listing.name(mid).startsWith(prefix)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {@code "* LIST ("}, the attributes and {@code ") "/" "} in octets, by NOSELECT | HAS_CHILDREN | \Subscribed: the lines of folders without a special use. */
  private static final byte[][] LIST_HEADS = new byte[8][];

  static {
    for (int k = 0; k < LIST_HEADS.length; k++) {
      LIST_HEADS[k] = listHead((k & 1) != 0, (k & 2) != 0, null, (k & 4) != 0).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static String listHead(boolean noselect, boolean hasChildren, String specialUse, boolean subscribed) {
    StringBuilder b = new StringBuilder("* LIST (");
    if (noselect) {
      b.append("\\Noselect ");
    }
    b.append(hasChildren ? "\\HasChildren" : "\\HasNoChildren");
    if (specialUse != null) {
      b.append(' ').append(specialUse);
    }
    if (subscribed) {
      b.append(" \\Subscribed");
    }
    return b.append(") \"/\" ").toString();
  }

  /**
   * The LIST line of the i-th folder of a snapshot (and its STATUS for LIST-STATUS); returns the
   * line buffer, grown if need be. A name that is not plain is written by {@link ImapWire#appendMailbox}.
   */
  private static byte[] emit(ImapSession s, FolderListing listing, int i, int a, byte[] line, Options o) throws IOException {
    boolean noselect = (a & FolderListing.NOSELECT) != 0;
    boolean hasChildren = (a & FolderListing.HAS_CHILDREN) != 0;
    boolean subscribed = o.returnSubscribed() && (a & FolderListing.SUBSCRIBED) != 0;
    String specialUse = (a & FolderListing.SPECIAL_USE) != 0 ? listing.folder(i).specialUse() : null; // final in the folder
    byte[] head = specialUse == null ? LIST_HEADS[(noselect ? 1 : 0) | (hasChildren ? 2 : 0) | (subscribed ? 4 : 0)]
        : listHead(noselect, hasChildren, specialUse, subscribed).getBytes(StandardCharsets.UTF_8);
    if ((a & FolderListing.PLAIN) != 0) {
      int len = head.length + listing.wireLength(i) + 2;
      if (line.length < len) {
        line = new byte[Math.max(len, 2 * line.length)];
      }
      System.arraycopy(head, 0, line, 0, head.length);
      int at = head.length + listing.copyWire(i, line, head.length);
      line[at++] = '\r';
      line[at++] = '\n';
      s.untaggedOctets(line, at);
    } else {
      StringBuilder text = s.untaggedLine();
      text.append(new String(head, 2, head.length - 2, StandardCharsets.UTF_8));
      ImapWire.appendMailbox(text, listing.name(i), s.utf8());
      s.untagged(text);
    }
    if (o.statusItems() != null && !noselect) {
      s.untagged(MailboxCommands.Status.response(listing.folder(i), listing.name(i), o.statusItems(), s.utf8()));
    }
    return line;
  }

  /** The superiors of a name that the pattern matches. */
  private static List<String> superiors(String full, String name) {
    List<String> out = new ArrayList<>(1);
    for (int i = name.indexOf(Mailbox.DELIMITER); i > 0; i = name.indexOf(Mailbox.DELIMITER, i + 1)) {
      String superior = name.substring(0, i);
      if (matches(full, superior)) {
        out.add(superior);
      }
    }
    return out;
  }

  /** How many delimiters a name may have to match: -1 (any) when the pattern has a {@code *}. */
  private static int maxLevels(String full) {
    return full.indexOf('*') >= 0 ? -1 : levels(full);
  }

  private static void emit(ImapSession s, Mailbox box, Entry e, Options o) throws IOException {
    emit(s, box, e.name, e.folder, e.matched, e.childSubscribed, o);
  }

  /** One LIST or LSUB line (and its STATUS for LIST-STATUS), built in the session's line builder. */
  private static void emit(ImapSession s, Mailbox box, String name, Folder folder, boolean matched,
      boolean childSubscribed, Options o) throws IOException {
    if (o.lsub()) {
      emitLsub(s, name, folder, matched);
      return;
    }
    StringBuilder line = s.untaggedLine();
    boolean subscribed = matched && (o.subscribedOnly() || o.returnSubscribed() && box.isSubscribed(name));
    line.append("LIST (");
    if (folder == null) {
      line.append("\\NonExistent");
    } else {
      if (folder.noselect()) {
        line.append("\\Noselect ");
      }
      line.append(folder.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
      if (folder.specialUse() != null) {
        line.append(' ').append(folder.specialUse());
      }
    }
    if (subscribed) {
      line.append(" \\Subscribed");
    }
    ImapWire.appendMailbox(line.append(") \"/\" "), name, s.utf8());
    if (childSubscribed) {
      line.append(' ').append(CHILDINFO);
    }
    s.untagged(line);
    if (o.statusItems() != null && folder != null && !folder.noselect()) {
      s.untagged(MailboxCommands.Status.response(folder, o.statusItems(), s.utf8()));
    }
  }

  /** One LSUB line. */
  private static void emitLsub(ImapSession s, String name, Folder folder, boolean matched) throws IOException {
    StringBuilder line = s.untaggedLine();
    line.append("LSUB (");
    if (!matched || folder == null || folder.noselect()) {
      line.append("\\Noselect");
      if (folder != null) {
        line.append(' ');
      }
    }
    if (folder != null) {
      line.append(folder.hasChildren() ? "\\HasChildren" : "\\HasNoChildren");
    }
    ImapWire.appendMailbox(line.append(") \"/\" "), name, s.utf8());
    s.untagged(line);
  }

  private static String pattern(ImapArgs a) throws ImapException {
    return ImapArgs.decodeMailbox(a.peek() == '"' || a.peek() == ImapArgs.LITERAL ? a.astring() : a.word());
  }

  private static String fullPattern(String reference, String pattern) {
    return Mailbox.normalize(reference.isEmpty() || pattern.startsWith("/") ? pattern
        : reference.endsWith("/") ? reference + pattern : reference + "/" + pattern);
  }

  /** INBOX matches in any case ("inbox", "In%"), but only a pattern that spells it, not one like {@code *b*}. */
  private static boolean matches(String pattern, String name) {
    return glob(pattern, name, false) || (name.equals(Mailbox.INBOX) && inboxInAnyCase(pattern));
  }

  private static boolean inboxInAnyCase(String pattern) {
    return !pattern.isEmpty() && Character.toLowerCase(pattern.charAt(0)) == 'i' && glob(pattern, "INBOX", true);
  }

  private static boolean anyMatches(List<String> patterns, String name) {
    for (String p : patterns) {
      if (matches(p, name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a LIST pattern matches a name: {@code *} matches anything, {@code %} anything but the
   * delimiter. A row of the pattern × name table at a time, so any pattern costs at most
   * pattern length × name length steps (a regular expression can backtrack exponentially on
   * {@code *a*a*a*a*b}).
   */
  static boolean glob(String pattern, String name, boolean ignoreCase) {
    int n = name.length();
    boolean[] row = new boolean[n + 1];
    boolean[] next = new boolean[n + 1];
    row[0] = true;
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      boolean any = false;
      for (int j = 0; j <= n; j++) {
        if (p == '*') {
          any |= row[j];
          next[j] = any;
        } else if (p == '%') {
          next[j] = row[j] || (j > 0 && next[j - 1] && name.charAt(j - 1) != Mailbox.DELIMITER);
        } else {
          next[j] = j > 0 && row[j - 1] && same(p, name.charAt(j - 1), ignoreCase);
        }
        any |= next[j];
      }
      if (!any) {
        return false;
      }
      boolean[] t = row;
      row = next;
      next = t;
    }
    return row[n];
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }

  /** The pattern up to its first wildcard: every name it matches starts with this. */
  static String literalPrefix(String pattern) {
    int i = 0;
    while (i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '%') {
      i++;
    }
    return pattern.substring(0, i);
  }

  private static int levels(String pattern) {
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == Mailbox.DELIMITER) {
        n++;
      }
    }
    return n;
  }
}
