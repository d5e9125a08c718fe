package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.internal.store.MemoryAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 */
public final class Mailbox {
  public static final String INBOX = "INBOX";
  public static final char DELIMITER = '/';
  static final int MAX_NAME = 255;
  /** INBOX, Sent, Drafts, Trash and Junk: paid for by {@link MemoryAccount#MAILBOX_OVERHEAD}. */
  static final int STANDARD_FOLDERS = 5;

  private final String address;
  private final Map<String, Folder> folders = new TreeMap<>();
  private final Set<String> subscribed = new TreeSet<>();
  private final AtomicBoolean pop3Lock = new AtomicBoolean();
  private final MemoryAccount account;
  private final int maxFolders;

  Mailbox(String address) {
    this(address, MemoryAccount.unlimited(), Integer.MAX_VALUE);
  }

  Mailbox(String address, MemoryAccount account, int maxFolders) {
    this.address = address;
    this.account = account;
    this.maxFolders = maxFolders;
    folders.put(INBOX, new Folder(INBOX, null, account));
    for (String[] special : new String[][] {{"Sent", "\\Sent"}, {"Drafts", "\\Drafts"}, {"Trash", "\\Trash"},
        {"Junk", "\\Junk"}}) {
      folders.put(special[0], new Folder(special[0], special[1], account));
    }
    subscribed.addAll(folders.keySet());
  }

  public String address() {
    return address;
  }

  public synchronized Folder inbox() {
    return folders.get(INBOX);
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
    return Optional.ofNullable(folders.get(normalize(name)));
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
    Folder existing = folders.get(n);
    if (existing != null && existing.noselect()) { // a \Noselect name becomes a folder again, as in Dovecot
      existing.noselect(false);
      return existing;
    }
    if (existing != null) {
      throw new MailboxException(MailboxException.Reason.ALREADY_EXISTS, "Mailbox already exists");
    }
    List<String> missing = new ArrayList<>();
    int slash = n.indexOf(DELIMITER);
    while (slash > 0) { // superiors are created too (RFC 3501 §6.3.3)
      if (!folders.containsKey(n.substring(0, slash))) {
        missing.add(n.substring(0, slash));
      }
      slash = n.indexOf(DELIMITER, slash + 1);
    }
    missing.add(n);
    charge(folders.size() + missing.size());
    for (String k : missing) {
      folders.put(k, new Folder(k, null, account));
    }
    return folders.get(n);
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
    return excess(folders.size());
  }

  public synchronized void delete(String name) throws MailboxException {
    String n = normalize(name);
    if (n.equals(INBOX)) {
      throw new MailboxException(MailboxException.Reason.CANNOT, "INBOX cannot be deleted");
    }
    Folder f = folders.get(n);
    if (f == null) {
      throw new MailboxException(MailboxException.Reason.NONEXISTENT, "No such mailbox");
    }
    if (hasChildren(n)) { // RFC 3501 §6.3.4: the messages go, the name stays as \Noselect for its inferiors
      if (f.noselect()) {
        throw new MailboxException(MailboxException.Reason.CANNOT, "Mailbox has inferiors and is already \\Noselect");
      }
      f.clear();
      f.noselect(true);
      return;
    }
    long before = excess(folders.size());
    folders.remove(n);
    account.release(before - excess(folders.size()));
    f.clear();
  }

  /** Renames a folder and its inferiors; renaming INBOX moves its messages to a new folder (RFC 3501 §6.3.5). */
  public synchronized void rename(String from, String to) throws MailboxException {
    String a = normalize(from);
    String b = checkName(to);
    Folder f = folders.get(a);
    if (f == null) {
      throw new MailboxException(MailboxException.Reason.NONEXISTENT, "No such mailbox");
    }
    if (folders.containsKey(b)) {
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
    for (String k : folders.keySet()) {
      if (k.equals(a) || k.startsWith(a + DELIMITER)) {
        names.add(k);
      }
    }
    for (String k : names) {
      Folder moved = folders.remove(k);
      String newName = b + k.substring(a.length());
      moved.rename(newName);
      folders.put(newName, moved);
      if (subscribed.remove(k)) {
        subscribed.add(newName);
      }
    }
  }

  public synchronized void subscribe(String name) throws MailboxException {
    String n = checkName(name);
    if (!subscribed.contains(n) && subscribed.size() >= maxFolders) {
      throw new MailboxException(MailboxException.Reason.LIMIT, "At most " + maxFolders + " subscriptions");
    }
    subscribed.add(n);
  }

  public synchronized void unsubscribe(String name) {
    subscribed.remove(normalize(name));
  }

  public synchronized Set<String> subscriptions() {
    return new TreeSet<>(subscribed);
  }

  /** Whether a folder has inferiors (for LIST's \HasChildren). */
  public synchronized boolean hasChildren(String name) {
    String prefix = name + DELIMITER;
    for (String k : folders.keySet()) {
      if (k.startsWith(prefix)) {
        return true;
      }
    }
    return false;
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
