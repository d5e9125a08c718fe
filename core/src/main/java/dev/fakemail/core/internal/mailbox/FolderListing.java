package dev.fakemail.core.internal.mailbox;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.SortedSet;

/**
 * A flat, immutable snapshot of a mailbox's folders for listings that walk (nearly) all of them:
 * sorted names, and per folder one octet of attributes and, for a name sent as a plain quoted string,
 * its wire form, all in a few arrays. Walking it reads memory in order, a few dozen octets per folder,
 * where walking the sorted map reads a tree node, a key, its octets and a folder object per folder,
 * scattered over the heap: at 100,000 folders (25 MB) the walk missed the CPU's caches and a line of
 * {@code LIST "" *} cost a fifth more than at 10,000.
 *
 * <p>Made by {@link Mailbox#listing()} under the mailbox's monitor and dropped by every change of a
 * name, a folder's children, \Noselect or a subscription, so it is the state at one moment: a listing
 * that runs while another session creates a folder shows the mailbox before or after, never a mix.
 * Nothing here changes once made. A folder's special use is final, and read from the folder only for
 * the few that have one.
 *
 * <p>Memory: per folder 13 octets (name and folder references, the offset, the attributes) and a
 * plain name's octets plus two (quotes): at most 270 for a name of the maximum 255 characters, about
 * 30 with the benchmark's names ({@code ListBenchmark}: 284 bytes of heap per folder with the
 * snapshot at 100,000 folders, 256 without). It is bounded by the folder cap like the folders, and
 * charged to the memory account as {@link #bytes()} while the mailbox keeps it, on top of
 * {@link dev.fakemail.core.internal.store.MemoryAccount#FOLDER_OVERHEAD} per folder; when the
 * account cannot take it, none is kept and the listing walks the map. At most one snapshot per
 * mailbox is kept; one dropped by a change is garbage once the listings using it end.
 */
public final class FolderListing {
  /** The folder has inferiors. */
  public static final int HAS_CHILDREN = 1;
  /** The name is kept for its inferiors only (RFC 3501 §6.3.4). */
  public static final int NOSELECT = 2;
  /** The folder has a special use (RFC 6154). */
  public static final int SPECIAL_USE = 4;
  /** The name is subscribed. */
  public static final int SUBSCRIBED = 8;
  /** The name goes on the wire as {@link #copyWire its octets here} (a quoted string, or INBOX as an atom), whatever UTF8=ACCEPT says. */
  public static final int PLAIN = 16;

  private final String[] names;
  private final Folder[] folders;
  private final byte[] attributes;
  private final int[] wireStart; // size + 1 offsets into wire
  private final byte[] wire;

  private FolderListing(String[] names, Folder[] folders, byte[] attributes, int[] wireStart, byte[] wire) {
    this.names = names;
    this.folders = folders;
    this.attributes = attributes;
    this.wireStart = wireStart;
    this.wire = wire;
  }

  /**
   * The snapshot of these folders, sorted by name, with these subscribed names (sorted too: the two
   * are walked side by side, not a lookup per folder); to be called under the mailbox's monitor.
   */
  static FolderListing of(Collection<Folder> sorted, SortedSet<String> subscribed) {
    int n = sorted.size();
    String[] names = new String[n];
    Folder[] folders = new Folder[n];
    byte[] attributes = new byte[n];
    int[] wireStart = new int[n + 1];
    byte[] wire = new byte[Math.max(64, n * 16)];
    Iterator<String> subscriptions = subscribed.iterator();
    String sub = subscriptions.hasNext() ? subscriptions.next() : null;
    int at = 0;
    int i = 0;
    for (Folder f : sorted) {
      String name = f.name();
      names[i] = name;
      folders[i] = f;
      int order = -1;
      while (sub != null && (order = sub.compareTo(name)) < 0) {
        sub = subscriptions.hasNext() ? subscriptions.next() : null;
      }
      int a = (f.hasChildren() ? HAS_CHILDREN : 0) | (f.noselect() ? NOSELECT : 0)
          | (f.specialUse() != null ? SPECIAL_USE : 0) | (sub != null && order == 0 ? SUBSCRIBED : 0);
      if (plain(name)) {
        a |= PLAIN;
        if (wire.length < at + name.length() + 2) {
          wire = Arrays.copyOf(wire, Math.max(2 * wire.length, at + name.length() + 2));
        }
        boolean quoted = !name.equals(Mailbox.INBOX);
        if (quoted) {
          wire[at++] = '"';
        }
        for (int k = 0; k < name.length(); k++) {
          wire[at++] = (byte) name.charAt(k);
        }
        if (quoted) {
          wire[at++] = '"';
        }
      }
      attributes[i] = (byte) a;
      wireStart[++i] = at;
    }
    return new FolderListing(names, folders, attributes, wireStart, Arrays.copyOf(wire, at));
  }

  /**
   * Whether a name is sent as it is between quotes (INBOX as an atom): printable ASCII without
   * {@code &}, {@code "} or {@code \}, shorter than 1,024; the same test as the IMAP writer's.
   */
  private static boolean plain(String name) {
    if (name.length() >= 1024) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '&' || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /**
   * The heap its arrays take, as charged to the memory account: per folder 4 + 4 octets of
   * references (compressed), 4 of offset, 1 of attributes, and the plain name's wire octets; with
   * array headers. The names and folders themselves are the mailbox's, charged with each folder.
   */
  public long bytes() {
    return 5L * 16 + 13L * names.length + wire.length;
  }

  public int size() {
    return names.length;
  }

  /** The index of the first name not before {@code prefix} (the start of its range). */
  public int first(String prefix) {
    int i = Arrays.binarySearch(names, prefix);
    return i >= 0 ? i : -i - 1;
  }

  public String name(int i) {
    return names[i];
  }

  /** The folder itself (for STATUS); its name and attributes may have changed since, unlike those here. */
  public Folder folder(int i) {
    return folders[i];
  }

  /** The attributes of the i-th folder: {@link #HAS_CHILDREN}, {@link #NOSELECT}, {@link #SPECIAL_USE}, {@link #SUBSCRIBED}, {@link #PLAIN}. */
  public int attributes(int i) {
    return attributes[i];
  }

  /** The wire form of a {@link #PLAIN} name, copied to {@code to} at {@code at}; returns the octets copied. */
  public int copyWire(int i, byte[] to, int at) {
    int from = wireStart[i];
    int len = wireStart[i + 1] - from;
    System.arraycopy(wire, from, to, at, len);
    return len;
  }

  /** The length of {@link #copyWire}'s copy. */
  public int wireLength(int i) {
    return wireStart[i + 1] - wireStart[i];
  }
}
