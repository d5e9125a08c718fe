package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.internal.store.MemoryAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One user's mailbox: INBOX, the SPECIAL-USE folders Sent, Drafts, Trash and Junk (RFC 6154), and
 * folders the user makes, with {@code /} as hierarchy delimiter. Names are resolved only inside this
 * mailbox, so no name reaches another user's folders. At most {@code maxFolders} folders (and as
 * many subscriptions); each folder past the five standard ones is charged
 * {@link MemoryAccount#FOLDER_OVERHEAD} to the memory account.
 *
 * <p>Folders and subscriptions are kept sorted by name, so a folder's inferiors are one contiguous
 * range ({@code name/} up to {@code name0}, {@code '0'} being the character after {@code '/'}):
 * whether a folder has children is one lookup, and a listing walks only the range of its pattern's
 * literal prefix, jumping over subtrees deeper than a {@code %} pattern can reach. LIST, LSUB and
 * STATUS therefore cost O(folders listed · log folders), not O(folders²). A listing of the whole
 * mailbox ({@code LIST "" *}) reads a flat snapshot instead ({@link #listing()}, {@link FolderListing}),
 * made by the first such listing after a change; narrower ones never make it.
 */
public final class Mailbox {
  public static final String INBOX = "INBOX";
  public static final char DELIMITER = '/';
  static final int MAX_NAME = 255;
  /** INBOX, Sent, Drafts, Trash and Junk: paid for by {@link MemoryAccount#MAILBOX_OVERHEAD}. */
  static final int STANDARD_FOLDERS = 5;

  private final String address;
  private final NavigableMap<String, Folder> folders = new TreeMap<>();
  private final Map<String, Folder> byName = new HashMap<>(); // the same folders, for lookups by name in O(1)
  /** Subscribed names, sorted, each with its folder (null while none has the name). */
  private final NavigableMap<String, Folder> subscribed = new TreeMap<>();
  private final Set<String> subscribedLookup = new java.util.HashSet<>(); // the same names, for O(1) checks
  private final AtomicBoolean pop3Lock = new AtomicBoolean();
  private final MemoryAccount account;
  private final int maxFolders;
  /** Told after each change of a folder, its messages or flags, or of the subscriptions (see {@link Mailboxes#onChange}). */
  private final Runnable changed;
  /**
   * The snapshot for whole-mailbox listings, made by the first one after a change; null after any
   * change of a name, a folder's children or \Noselect, or a subscription ({@link #dropListing}).
   */
  private FolderListing listing;
  /** What {@link #listing} is charged to the account: its {@link FolderListing#bytes()}, 0 while there is none. */
  private long listingCharge;

  Mailbox(String address) {
    this(address, MemoryAccount.unlimited(), Integer.MAX_VALUE);
  }

  Mailbox(String address, MemoryAccount account, int maxFolders) {
    this(address, account, maxFolders, () -> {});
  }

  Mailbox(String address, MemoryAccount account, int maxFolders, Runnable changed) {
    this.address = address;
    this.account = account;
    this.maxFolders = maxFolders;
    this.changed = changed;
    put(new Folder(INBOX, null, account, changed));
    for (String[] special : new String[][] {{"Sent", "\\Sent"}, {"Drafts", "\\Drafts"}, {"Trash", "\\Trash"},
        {"Junk", "\\Junk"}}) {
      put(new Folder(special[0], special[1], account, changed));
    }
    subscribed.putAll(folders);
    subscribedLookup.addAll(folders.keySet());
  }

  public String address() {
    return address;
  }

  public synchronized Folder inbox() {
    return byName.get(INBOX);
  }

  /** INBOX in any case is INBOX; other names are case-sensitive. */
  public static String normalize(String name) {
    if (name.equalsIgnoreCase(INBOX)) {
      return INBOX;
    }
    if (name.length() > INBOX.length() && name.substring(0, INBOX.length() + 1).equalsIgnoreCase(INBOX + DELIMITER)) {
      return INBOX + name.substring(INBOX.length());
    }
    return name;
  }

  private static String checkName(String name) throws MailboxException {
    String n = normalize(name);
    if (n.isEmpty() || n.length() > MAX_NAME) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "Mailbox name must have 1 to " + MAX_NAME + " characters");
    }
    if (n.charAt(0) == DELIMITER || n.charAt(n.length() - 1) == DELIMITER || n.contains("//")) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "Bad mailbox name: empty hierarchy level");
    }
    for (String part : n.split("/")) {
      if (part.equals(".") || part.equals("..")) {
        throw new MailboxException(MailboxException.Reason.CANNOT, "Bad mailbox name: . and .. are not allowed");
      }
    }
    if (n.startsWith("#") || n.startsWith("~")) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "Only the personal namespace exists");
    }
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c < ' ' || c == 127 || c == '*' || c == '%') {
        throw new MailboxException(MailboxException.Reason.CANNOT, "Bad mailbox name: control characters, * and % are not allowed");
      }
    }
    return n;
  }

  public synchronized Optional<Folder> folder(String name) {
    return Optional.ofNullable(byName.get(normalize(name)));
  }

  public Folder require(String name) throws MailboxException {
    return folder(name).orElseThrow(() -> new MailboxException(MailboxException.Reason.NONEXISTENT, "No such mailbox"));
  }

  /** Every folder, sorted by name. */
  public synchronized List<Folder> folders() {
    return new ArrayList<>(folders.values());
  }

  public synchronized Folder create(String name) throws MailboxException {
    String n = checkName(name);
    Folder existing = byName.get(n);
    if (existing != null && existing.noselect()) { // a \Noselect name becomes a folder again, as in Dovecot
      existing.noselect(false);
      dropListing();
      changed.run();
      return existing;
    }
    if (existing != null) {
      throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "Mailbox already exists");
    }
    List<String> missing = missingSuperiors(n);
    missing.add(n);
    charge(folders.size() + missing.size());
    for (String k : missing) {
      put(new Folder(k, null, account, changed));
    }
    changed.run();
    return byName.get(n);
  }

  /** Superiors are created too (RFC 3501 §6.3.3, §6.3.5), so every folder's parent exists: these are missing. */
  private List<String> missingSuperiors(String n) {
    List<String> missing = new ArrayList<>();
    int slash = n.indexOf(DELIMITER);
    while (slash > 0) {
      if (!byName.containsKey(n.substring(0, slash))) {
        missing.add(n.substring(0, slash));
      }
      slash = n.indexOf(DELIMITER, slash + 1);
    }
    return missing;
  }

  /** Checks the folder cap and charges the account for growing to {@code count} folders. */
  private void charge(int count) throws MailboxException {
    if (count > maxFolders) {
      throw new MailboxException(MailboxException.Reason.LIMIT, "A mailbox holds at most " + maxFolders + " folders");
    }
    if (!account.tryCharge(excess(count) - excess(folders.size()))) {
      throw new MailboxException(MailboxException.Reason.OVERQUOTA, "The server's memory budget is full");
    }
  }

  private static long excess(int count) {
    return (long) Math.max(0, count - STANDARD_FOLDERS) * MemoryAccount.FOLDER_OVERHEAD;
  }

  /** What this mailbox's folders are charged beyond {@link MemoryAccount#MAILBOX_OVERHEAD}; for when it is forgotten. */
  synchronized long releaseFolders() {
    long snapshot = listingCharge;
    listing = null;
    listingCharge = 0;
    return excess(folders.size()) + snapshot;
  }

  public synchronized void delete(String name) throws MailboxException {
    String n = normalize(name);
    if (n.equals(INBOX)) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "INBOX cannot be deleted");
    }
    Folder f = byName.get(n);
    if (f == null) {
      throw new MailboxException(MailboxException.Reason.NONEXISTENT, "No such mailbox");
    }
    if (hasChildren(n)) { // RFC 3501 §6.3.4: the messages go, the name stays as \Noselect for its inferiors
      if (f.noselect()) {
        throw new MailboxException(MailboxException.Reason.CANNOT, "Mailbox has inferiors and is already \\Noselect");
      }
      f.clear();
      f.noselect(true);
      dropListing();
      changed.run();
      return;
    }
    long before = excess(folders.size());
    take(n);
    account.release(before - excess(folders.size()));
    f.clear();
    changed.run();
  }

  /** Renames a folder and its inferiors; renaming INBOX moves its messages to a new folder (RFC 3501 §6.3.5). */
  public synchronized void rename(String from, String to) throws MailboxException {
    String a = normalize(from);
    String b = checkName(to);
    Folder f = byName.get(a);
    if (f == null) {
      throw new MailboxException(MailboxException.Reason.NONEXISTENT, "No such mailbox");
    }
    if (byName.containsKey(b)) {
      throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "Mailbox already exists");
    }
    if (b.startsWith(a + DELIMITER)) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "Cannot rename a mailbox into itself");
    }
    if (a.equals(INBOX)) {
      Folder target = create(b);
      List<FolderMessage> all = f.messages();
      for (FolderMessage m : all) {
        if (m.charged()) { // an appended or copied entry: the new one is charged, the old one's charge goes with it
          account.force(Folder.charge(m.content()));
          target.addCharged(m.content(), m.flags());
        } else {
          target.add(m.content(), m.flags());
        }
      }
      f.remove(all);
      return;
    }
    List<String> names = new ArrayList<>();
    names.add(a);
    names.addAll(folders.subMap(a + DELIMITER, true, a + SUBTREE_END, false).keySet());
    List<String> superiors = missingSuperiors(b);
    charge(folders.size() + superiors.size());
    for (String k : superiors) {
      put(new Folder(k, null, account, changed));
    }
    List<Folder> moved = new ArrayList<>();
    for (int i = names.size() - 1; i >= 0; i--) { // deepest first, so each parent's count stays right
      moved.add(0, take(names.get(i)));
    }
    for (Folder m : moved) { // superiors first
      String k = m.name();
      String newName = b + k.substring(a.length());
      m.rename(newName);
      if (subscribedLookup.remove(k)) {
        subscribed.remove(k);
        subscribed.put(newName, null);
        subscribedLookup.add(newName);
      }
      put(m);
    }
    changed.run();
  }

  public synchronized void subscribe(String name) throws MailboxException {
    String n = checkName(name);
    if (!subscribedLookup.contains(n) && subscribed.size() >= maxFolders) {
      throw new MailboxException(MailboxException.Reason.LIMIT, "At most " + maxFolders + " subscriptions");
    }
    subscribed.put(n, byName.get(n));
    subscribedLookup.add(n);
    dropListing();
    changed.run();
  }

  public synchronized void unsubscribe(String name) {
    subscribed.remove(normalize(name));
    subscribedLookup.remove(normalize(name));
    dropListing();
    changed.run();
  }

  public synchronized Set<String> subscriptions() {
    return new TreeSet<>(subscribed.keySet());
  }

  /** Whether a folder has inferiors (for LIST's \HasChildren): its count of children, or one lookup in the sorted names. */
  public synchronized boolean hasChildren(String name) {
    Folder f = byName.get(name);
    if (f != null) {
      return f.hasChildren();
    }
    String next = folders.ceilingKey(name + DELIMITER);
    return next != null && next.startsWith(name + DELIMITER);
  }

  /** Adds a folder under its name; its parent (superiors are made first) counts one more child. */
  private void put(Folder f) {
    dropListing();
    folders.put(f.name(), f);
    byName.put(f.name(), f);
    if (subscribedLookup.contains(f.name())) {
      subscribed.put(f.name(), f);
    }
    Folder parent = parent(f.name());
    if (parent != null) {
      parent.children(+1);
    }
  }

  /** Removes a folder; its parent counts one child less. */
  private Folder take(String name) {
    dropListing();
    Folder f = folders.remove(name);
    byName.remove(name);
    if (subscribedLookup.contains(name)) {
      subscribed.put(name, null);
    }
    Folder parent = parent(name);
    if (f != null && parent != null) {
      parent.children(-1);
    }
    return f;
  }

  private Folder parent(String name) {
    int slash = name.lastIndexOf(DELIMITER);
    return slash < 0 ? null : byName.get(name.substring(0, slash));
  }

  /**
   * The folders whose names start with {@code prefix}, sorted by name; with {@code maxLevels} of 0
   * or more, only those with at most that many delimiters (the subtrees below are skipped, not
   * walked). At most {@code limit}, from the first name after {@code after} (null: from the start),
   * so a long listing is fetched a piece at a time. The cost is that of the folders returned, each
   * a step in the sorted map.
   */
  public synchronized List<Folder> list(String prefix, int maxLevels, String after, int limit) {
    List<Folder> out = new ArrayList<>(Math.min(limit, 1024));
    Iterator<Map.Entry<String, Folder>> it = (after == null ? folders.tailMap(prefix, true)
        : folders.tailMap(after, false)).entrySet().iterator();
    while (it.hasNext() && out.size() < limit) {
      Map.Entry<String, Folder> e = it.next();
      String k = e.getKey();
      if (!k.startsWith(prefix)) {
        break;
      }
      int cut = maxLevels < 0 ? -1 : nthDelimiter(k, maxLevels + 1);
      if (cut >= 0) { // too deep: jump past this subtree
        it = folders.tailMap(k.substring(0, cut) + SUBTREE_END, true).entrySet().iterator();
        continue;
      }
      out.add(e.getValue());
    }
    return out;
  }

  /** {@link #list(String, int, String, int)} whole. */
  public List<Folder> list(String prefix, int maxLevels) {
    return list(prefix, maxLevels, null, Integer.MAX_VALUE);
  }

  /**
   * Every folder as one snapshot (see {@link FolderListing}), made now unless no change came since
   * the last one; null when the memory account cannot take it (the listing then walks the map). It
   * costs O(folders): only a listing that walks (nearly) the whole mailbox anyway should ask for it;
   * a narrower one walks its range of the map, or uses {@link #listingIfMade}. The snapshot is
   * charged to the account for its arrays while it is kept, and released when a change drops it.
   */
  public synchronized FolderListing listing() {
    if (listing == null) {
      FolderListing made = FolderListing.of(folders.values(), subscribed.navigableKeySet());
      if (!account.tryCharge(made.bytes())) {
        return null;
      }
      listing = made;
      listingCharge = made.bytes();
    }
    return listing;
  }

  /** The snapshot {@link #listing()} made, if no change came since; else null (nothing is made). */
  public synchronized FolderListing listingIfMade() {
    return listing;
  }

  /**
   * Drops the listing snapshot: called by every change of what it holds (a folder added, removed or
   * renamed, which changes names and its parent's children; \Noselect set or cleared; a
   * subscription). A folder's special use never changes.
   */
  private void dropListing() {
    if (listing != null) {
      account.release(listingCharge);
      listing = null;
      listingCharge = 0;
    }
  }

  /** The subscribed names that start with {@code prefix}, sorted. */
  public synchronized List<String> subscriptions(String prefix) {
    List<String> out = new ArrayList<>();
    for (String k : subscribed.tailMap(prefix, true).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      out.add(k);
    }
    return out;
  }

  /**
   * The subscribed names that start with {@code prefix}, sorted, each with its folder (null when
   * there is none): walked in order, without a lookup per name.
   */
  public synchronized List<Map.Entry<String, Folder>> subscribedFolders(String prefix) {
    List<Map.Entry<String, Folder>> out = new ArrayList<>();
    for (Map.Entry<String, Folder> e : subscribed.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
    }
    return out;
  }

  public synchronized boolean isSubscribed(String name) {
    return subscribedLookup.contains(name);
  }

  /** The character after the delimiter: {@code name + SUBTREE_END} sorts after every {@code name/...}. */
  private static final char SUBTREE_END = DELIMITER + 1;

  private static int nthDelimiter(String s, int n) {
    int at = -1;
    for (int i = 0; i < n; i++) {
      at = s.indexOf(DELIMITER, at + 1);
      if (at < 0) {
        return -1;
      }
    }
    return at;
  }

  /** Takes the POP3 maildrop lock (RFC 1939 §8); false when another POP3 session holds it. */
  public boolean lockForPop3() {
    return pop3Lock.compareAndSet(false, true);
  }

  public void unlockForPop3() {
    pop3Lock.set(false);
  }

  synchronized void clearAll() {
    for (Folder f : folders.values()) {
      f.clear();
    }
  }

  @Override
  public String toString() {
    return "Mailbox[" + address.toLowerCase(Locale.ROOT) + "]";
  }
}
