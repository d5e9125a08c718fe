package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.internal.store.MemoryAccount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One folder of a mailbox: messages in UID order, UIDVALIDITY and UIDNEXT, flags, and the listeners
 * (selected IMAP sessions) told of each change. Lookup by UID is a binary search; every change is
 * made under the folder's monitor and announced to the listeners before it is released.
 *
 * <p>A mailbox may hold many thousands of folders, most of them empty and never selected: the maps
 * of an empty folder (store ids, \Recent, keywords) are made on first use and the listeners are an
 * array replaced on change, so that an empty folder is its object and an empty list (see
 * {@link dev.fakemail.core.internal.store.MemoryAccount#FOLDER_OVERHEAD}).
 */
public final class Folder {
  private static final AtomicLong VALIDITY = new AtomicLong(System.currentTimeMillis() / 1000 & 0x3fffffffL);

  private volatile String name;
  private final String specialUse;
  private final long uidValidity = VALIDITY.incrementAndGet() & 0xffffffffL;
  private long uidNext = 1;
  private final ArrayList<FolderMessage> messages = new ArrayList<>();
  /** Each delivered message's entries by its store id; null until the first one. */
  private Map<String, List<FolderMessage>> byStoreId;
  private static final FolderListener[] NO_LISTENERS = {};
  private static final AtomicReferenceFieldUpdater<Folder, FolderListener[]> LISTENERS =
      AtomicReferenceFieldUpdater.newUpdater(Folder.class, FolderListener[].class, "listeners");
  /** Replaced, never changed: read under the monitor, but {@link #unselect} removes without it. */
  private volatile FolderListener[] listeners = NO_LISTENERS;
  /** Null while no message is \Recent. */
  private java.util.Set<FolderMessage> recent;
  private int unseen;
  private volatile boolean noselect;
  private volatile int children; // changed under the mailbox's monitor
  private final MemoryAccount account;
  /** Every keyword used in this folder, by its lower-case form, spelled as first used (IMAP FLAGS lists them); null until the first. */
  private java.util.LinkedHashMap<String, String> keywords;
  /** Told after each change of its messages or their flags, under the monitor (the mailbox's change hook). */
  private final Runnable changed;

  Folder(String name, String specialUse) {
    this(name, specialUse, MemoryAccount.unlimited());
  }

  Folder(String name, String specialUse, MemoryAccount account) {
    this(name, specialUse, account, () -> {});
  }

  Folder(String name, String specialUse, MemoryAccount account, Runnable changed) {
    this.name = name;
    this.specialUse = specialUse;
    this.account = account;
    this.changed = changed;
  }

  public String name() {
    return name;
  }

  void rename(String newName) {
    this.name = newName;
  }

  /**
   * Whether the name only holds inferiors ({@code \Noselect}): what DELETE leaves of a folder that
   * has subfolders (RFC 3501 §6.3.4). It cannot be selected, nor receive messages.
   */
  public boolean noselect() {
    return noselect;
  }

  void noselect(boolean value) {
    this.noselect = value;
  }

  /** Whether folders are right below this one (LIST's {@code \HasChildren}, RFC 3348): a count the mailbox keeps. */
  public boolean hasChildren() {
    return children > 0;
  }

  void children(int delta) {
    children += delta;
  }

  /** The SPECIAL-USE attribute (RFC 6154), such as {@code \Sent}, or null. */
  public String specialUse() {
    return specialUse;
  }

  public long uidValidity() {
    return uidValidity;
  }

  public synchronized long uidNext() {
    return uidNext;
  }

  public synchronized int size() {
    return messages.size();
  }

  /** The messages now, in UID order (a copy). */
  public synchronized List<FolderMessage> messages() {
    return new ArrayList<>(messages);
  }

  /** The message with this UID, or null. */
  public synchronized FolderMessage byUid(long uid) {
    int i = indexOf(uid);
    return i < 0 ? null : messages.get(i);
  }

  private int indexOf(long uid) {
    int lo = 0;
    int hi = messages.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long u = messages.get(mid).uid();
      if (u < uid) {
        lo = mid + 1;
      } else if (u > uid) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Messages without \Seen (kept as a count, not counted per call). */
  public synchronized int unseen() {
    return unseen;
  }

  /** Messages that arrived while no read-write session had the folder selected and that none has seen since. */
  public synchronized int recent() {
    return recent == null ? 0 : recent.size();
  }

  /**
   * The keywords used in this folder so far, in the order first used (RFC 3501 §7.2.6 FLAGS lists
   * them); a keyword stays listed after the last message loses it, as clients may still offer it.
   */
  public synchronized List<String> keywords() {
    return keywords == null ? List.of() : List.copyOf(keywords.values());
  }

  /** Distinct keywords a folder takes (FLAGS lists them all); a command that would add more gets NO [LIMIT]. */
  public static final int MAX_KEYWORDS = 1000;

  /** Whether the folder takes these flags: their new keywords keep it within {@link #MAX_KEYWORDS}. */
  public synchronized boolean acceptsKeywords(java.util.Collection<String> flags) {
    int fresh = 0;
    for (String f : flags) {
      if (!f.startsWith("\\") && (keywords == null || !keywords.containsKey(Flags.key(f)))) {
        fresh++;
      }
    }
    return fresh == 0 || (keywords == null ? 0 : keywords.size()) + fresh <= MAX_KEYWORDS;
  }

  /** The flags with each keyword spelled as this folder first saw it (keywords are case-insensitive); new ones are recorded. */
  private Set<String> withKnownKeywords(Set<String> flags) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String f : flags) {
      if (f.startsWith("\\")) {
        out.add(f);
      } else {
        if (keywords == null) {
          keywords = new java.util.LinkedHashMap<>();
        }
        out.add(keywords.computeIfAbsent(Flags.key(f), k -> f));
      }
    }
    return out;
  }

  /** Adds a message with these flags and tells the listeners; returns it (with its new UID). */
  public synchronized FolderMessage add(MailContent content, Set<String> flags) {
    return add(content, flags, false);
  }

  /**
   * What an entry costs in the memory account when the caller charged it ({@link #addCharged}): the
   * entry's overhead, and the octets of appended content (a delivered message's octets are the
   * store's). A copy of an appended message is charged its octets again, as if not shared.
   */
  public static long charge(MailContent content) {
    return MemoryAccount.FOLDER_ENTRY_OVERHEAD + (content.storeId() == null ? content.size() : 0);
  }

  /**
   * Adds a message whose {@link #charge} the caller has already charged to the memory account
   * (APPEND, COPY, MOVE); the folder releases it when the message leaves.
   */
  public synchronized FolderMessage addCharged(MailContent content, Set<String> flags) {
    return add(content, flags, true);
  }

  private FolderMessage add(MailContent content, Set<String> flags, boolean charged) {
    FolderMessage m = new FolderMessage(uidNext++, content, withKnownKeywords(flags), charged);
    messages.add(m);
    if (!m.hasFlag(Flags.SEEN)) {
      unseen++;
    }
    if (content.storeId() != null) {
      if (byStoreId == null) {
        byStoreId = new HashMap<>();
      }
      byStoreId.computeIfAbsent(content.storeId(), k -> new ArrayList<>(1)).add(m);
    }
    FolderListener[] told = listeners;
    FolderListener taker = null;
    for (FolderListener l : told) {
      if (l.takesRecent()) {
        taker = l;
        break;
      }
    }
    if (taker == null) {
      if (recent == null) {
        recent = new java.util.HashSet<>();
      }
      recent.add(m);
    }
    for (FolderListener l : told) {
      l.added(m, l == taker);
    }
    changed.run();
    return m;
  }

  /**
   * Selects the folder for a listener: it starts getting events, and (when it takes \Recent) claims
   * the messages that are recent now. Returns the messages now and the ones recent now.
   */
  public synchronized Selection select(FolderListener listener) {
    FolderListener[] now;
    do {
      now = listeners;
    } while (!LISTENERS.compareAndSet(this, now, append(now, listener)));
    Set<FolderMessage> claimed = recent == null ? Set.of() : Set.copyOf(recent);
    if (listener.takesRecent()) {
      recent = null;
    }
    return new Selection(new ArrayList<>(messages), claimed);
  }

  /** What a session sees when it selects a folder. */
  public record Selection(List<FolderMessage> messages, Set<FolderMessage> recent) {}

  public void unselect(FolderListener listener) {
    FolderListener[] now;
    FolderListener[] less;
    do {
      now = listeners;
      less = without(now, listener);
    } while (less != now && !LISTENERS.compareAndSet(this, now, less));
  }

  private static FolderListener[] append(FolderListener[] a, FolderListener l) {
    FolderListener[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = l;
    return out;
  }

  /** The array without the first occurrence of {@code l}; the same array when it has none. */
  private static FolderListener[] without(FolderListener[] a, FolderListener l) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == l) {
        FolderListener[] out = new FolderListener[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out.length == 0 ? NO_LISTENERS : out;
      }
    }
    return a;
  }

  /** Changes a message's flags and tells the listeners. Returns the flags after the change. */
  public synchronized Set<String> store(FolderMessage m, Flags.Mode mode, Set<String> change, Object origin) {
    if (m.expunged()) {
      return m.flags();
    }
    Set<String> before = m.flags();
    Set<String> after = Flags.apply(before, mode, mode == Flags.Mode.REMOVE ? change : withKnownKeywords(change));
    if (!after.equals(before)) {
      boolean wasSeen = m.hasFlag(Flags.SEEN);
      m.flags(after);
      unseen += (wasSeen ? 1 : 0) - (m.hasFlag(Flags.SEEN) ? 1 : 0);
      for (FolderListener l : listeners) {
        l.flagsChanged(m, origin);
      }
      changed.run();
    }
    return m.flags();
  }

  /** Removes the messages marked \Deleted (among {@code only}, when given). Returns them, in UID order. */
  public synchronized List<FolderMessage> expunge(Collection<FolderMessage> only) {
    Set<FolderMessage> limit = only == null ? null : Set.copyOf(only);
    List<FolderMessage> gone = new ArrayList<>();
    for (FolderMessage m : messages) {
      if (m.hasFlag(Flags.DELETED) && (limit == null || limit.contains(m))) {
        gone.add(m);
      }
    }
    removeAll(gone);
    return gone;
  }

  /** Removes exactly these messages, whatever their flags (POP3 DELE at QUIT, MOVE). */
  public synchronized void remove(Collection<FolderMessage> which) {
    removeAll(new ArrayList<>(which));
  }

  synchronized void removeStored(String storeId) {
    List<FolderMessage> list = byStoreId == null ? null : byStoreId.get(storeId);
    if (list != null) {
      removeAll(new ArrayList<>(list));
    }
  }

  synchronized void clear() {
    removeAll(new ArrayList<>(messages));
  }

  private void removeAll(List<FolderMessage> which) {
    List<FolderMessage> gone = new ArrayList<>(which.size());
    for (FolderMessage m : which) {
      if (!m.expunged() && indexOf(m.uid()) >= 0) { // only what is still here
        gone.add(m);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    Set<FolderMessage> set = new java.util.HashSet<>(gone);
    messages.removeIf(set::contains);
    for (FolderMessage m : gone) {
      m.markExpunged();
      if (m.charged()) {
        account.release(charge(m.content()));
      }
      if (!m.hasFlag(Flags.SEEN)) {
        unseen--;
      }
      if (recent != null) {
        recent.remove(m);
      }
      String id = m.content().storeId();
      if (id != null && byStoreId != null) {
        List<FolderMessage> l = byStoreId.get(id);
        if (l != null) {
          l.remove(m);
          if (l.isEmpty()) {
            byStoreId.remove(id);
            if (byStoreId.isEmpty()) {
              byStoreId = null;
            }
          }
        }
      }
      for (FolderListener l : listeners) {
        l.expunged(m);
      }
    }
    changed.run();
  }

  @Override
  public String toString() {
    return "Folder[" + name + "]";
  }
}
