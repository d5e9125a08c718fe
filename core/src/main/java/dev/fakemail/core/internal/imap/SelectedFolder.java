package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderListener;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A session's view of its selected folder: the messages by sequence number as this client knows
 * them, and the changes (from any session, or from SMTP) not yet told to it. Sequence number to
 * message is an index; UID to sequence number a binary search. Changes arrive as events on the
 * changing thread and are turned into untagged EXISTS, RECENT, EXPUNGE and FETCH responses by the
 * session thread when the protocol allows (never EXPUNGE during FETCH, STORE or SEARCH).
 */
final class SelectedFolder implements FolderListener {
  private enum Kind { ADDED, EXPUNGED, FLAGS }

  private record Event(Kind kind, FolderMessage message, boolean recent, Object origin) {}

  private final Folder folder;
  private final boolean readOnly;
  private final ImapSession session;
  private final ArrayList<FolderMessage> view;
  private final Set<FolderMessage> recent;
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
  private final List<Event> deferred = new ArrayList<>();
  private int announced;
  private int announcedRecent;
  /** The keywords this client was told of in FLAGS, lower-case. */
  private final Set<String> announcedKeywords = new HashSet<>();

  SelectedFolder(Folder folder, boolean readOnly, ImapSession session) {
    this.folder = folder;
    this.readOnly = readOnly;
    this.session = session;
    Folder.Selection sel = folder.select(this);
    this.view = new ArrayList<>(sel.messages());
    this.recent = new HashSet<>(sel.recent());
    this.announced = view.size();
    this.announcedRecent = recent.size();
  }

  Folder folder() {
    return folder;
  }

  /** The FLAGS response's list: the system flags and the keywords in use (RFC 3501 §7.2.6). */
  static String flagsList(List<String> keywords) {
    List<String> all = new ArrayList<>(Flags.SYSTEM);
    all.addAll(keywords);
    return ImapWire.list(all);
  }

  /** PERMANENTFLAGS: none when read-only, else the system flags, the keywords in use and {@code \*} (any new keyword). */
  static String permanentFlagsList(List<String> keywords, boolean readOnly) {
    if (readOnly) {
      return "()";
    }
    List<String> all = new ArrayList<>(Flags.SYSTEM);
    all.addAll(keywords);
    if (keywords.size() < Folder.MAX_KEYWORDS) {
      all.add("\\*"); // new keywords can still be made
    }
    return ImapWire.list(all);
  }

  /** Writes FLAGS and PERMANENTFLAGS as SELECT does, and remembers the keywords told. */
  void announceFlags() throws IOException {
    List<String> keywords = folder.keywords();
    for (String k : keywords) {
      announcedKeywords.add(k.toLowerCase(java.util.Locale.ROOT));
    }
    session.untagged("FLAGS " + flagsList(keywords));
    session.untagged("OK [PERMANENTFLAGS " + permanentFlagsList(keywords, readOnly) + "] Flags permitted");
  }

  /**
   * Called before a response shows these flags: when one is a keyword this client has not been told
   * of in FLAGS (another session, or this one, just used it first), a new FLAGS response goes first.
   */
  void announceKeywords(java.util.Collection<String> flags) throws IOException {
    for (String f : flags) {
      if (!f.startsWith("\\") && !announcedKeywords.contains(f.toLowerCase(java.util.Locale.ROOT))) {
        announceFlags();
        return;
      }
    }
  }

  boolean readOnly() {
    return readOnly;
  }

  int size() {
    return view.size();
  }

  int recentCount() {
    return recent.size();
  }

  /** The message with this sequence number (1-based). */
  FolderMessage at(int seq) {
    return view.get(seq - 1);
  }

  /** The sequence number of the message with this UID, or -1. */
  int seqOfUid(long uid) {
    int lo = 0;
    int hi = view.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long u = view.get(mid).uid();
      if (u < uid) {
        lo = mid + 1;
      } else if (u > uid) {
        hi = mid - 1;
      } else {
        return mid + 1;
      }
    }
    return -(lo + 1);
  }

  /** The index where UIDs of at least {@code uid} start (0-based). */
  int firstIndexAtLeast(long uid) {
    int s = seqOfUid(uid);
    return s > 0 ? s - 1 : -s - 1;
  }

  long maxUid() {
    return view.isEmpty() ? 0 : view.get(view.size() - 1).uid();
  }

  /** The flags as this session sees them: the message's flags, and \Recent if it is recent here. */
  List<String> flags(FolderMessage m) {
    Set<String> f = new LinkedHashSet<>(m.flags());
    if (recent.contains(m)) {
      f.add(Flags.RECENT);
    }
    return new ArrayList<>(f);
  }

  int firstUnseen() {
    for (int i = 0; i < view.size(); i++) {
      if (!view.get(i).hasFlag(Flags.SEEN)) {
        return i + 1;
      }
    }
    return 0;
  }

  void close() {
    folder.unselect(this);
  }

  // ---- events, on the changing thread ----

  @Override
  public void added(FolderMessage message, boolean isRecent) {
    events.add(new Event(Kind.ADDED, message, isRecent, null));
    session.wake();
  }

  @Override
  public void expunged(FolderMessage message) {
    events.add(new Event(Kind.EXPUNGED, message, false, null));
    session.wake();
  }

  @Override
  public void flagsChanged(FolderMessage message, Object origin) {
    events.add(new Event(Kind.FLAGS, message, false, origin));
    session.wake();
  }

  @Override
  public boolean takesRecent() {
    return !readOnly;
  }

  boolean hasEvents() {
    return !events.isEmpty() || !deferred.isEmpty();
  }

  // ---- untagged updates, on the session thread ----

  /** Writes what changed since the last call; expunges wait while {@code allowExpunge} is false. */
  void sendUpdates(boolean allowExpunge, boolean withUid) throws IOException {
    if (allowExpunge && !deferred.isEmpty()) {
      for (Event e : deferred) {
        expunge(e.message());
      }
      deferred.clear();
    }
    for (Event e = events.poll(); e != null; e = events.poll()) {
      switch (e.kind()) {
        case ADDED -> {
          if (view.isEmpty() || e.message().uid() > maxUid()) {
            view.add(e.message());
            if (e.recent()) {
              recent.add(e.message());
            }
          }
        }
        case EXPUNGED -> {
          if (allowExpunge && deferred.isEmpty()) {
            expunge(e.message());
          } else {
            deferred.add(e);
          }
        }
        case FLAGS -> {
          if (e.origin() != session) {
            int seq = seqOfUid(e.message().uid());
            if (seq > 0 && seq <= announced) {
              List<String> f = flags(e.message());
              announceKeywords(f);
              session.untagged(seq + " FETCH (FLAGS " + ImapWire.list(f)
                  + (withUid ? " UID " + e.message().uid() : "") + ")");
            }
          }
        }
      }
    }
    announceSize();
  }

  private void announceSize() throws IOException {
    if (view.size() != announced) {
      session.untagged(view.size() + " EXISTS");
      announced = view.size();
    }
    if (recent.size() != announcedRecent) {
      session.untagged(recent.size() + " RECENT");
      announcedRecent = recent.size();
    }
  }

  private void expunge(FolderMessage m) throws IOException {
    int seq = seqOfUid(m.uid());
    if (seq > 0) {
      if (seq > announced) { // never announced: drop it quietly, but count what was
        view.remove(seq - 1);
        recent.remove(m);
        return;
      }
      view.remove(seq - 1);
      recent.remove(m);
      announced--;
      session.untagged(seq + " EXPUNGE");
      if (recent.size() != announcedRecent) {
        announcedRecent = recent.size();
      }
    }
  }
}
