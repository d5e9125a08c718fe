package dev.fakemail.core.internal.store;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.SessionRecord.TranscriptLine;
import dev.fakemail.core.SessionRecord.TranscriptLine.Direction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The most recent SMTP, POP3 and IMAP sessions with their transcripts, bounded in sessions kept, in
 * lines and octets kept per session, and in estimated heap for all of them together: past the total,
 * the oldest sessions are dropped (a session still running that is dropped keeps no more lines), so
 * that a long run never grows without limit. The log has a budget of its own rather than a share of
 * the memory account: a full store must not stop transcripts, and transcripts must not refuse mail.
 */
public final class SessionLog {
  /** The wire traces ({@code dev.fakemail.smtp.wire}, {@code .pop3.wire}, {@code .imap.wire}): the transcript's lines, already masked, at TRACE. */
  private static final Map<Listener.Protocol, org.slf4j.Logger> WIRE = new EnumMap<>(Listener.Protocol.class);

  static {
    for (Listener.Protocol p : Listener.Protocol.values()) {
      WIRE.put(p, org.slf4j.LoggerFactory.getLogger("dev.fakemail." + p.name().toLowerCase(java.util.Locale.ROOT) + ".wire"));
    }
  }

  public static final int MAX_SESSIONS = 1000;
  public static final int MAX_LINES = 500;
  /** Estimated heap of one session's transcript at most; later lines are counted, not kept. */
  public static final int MAX_SESSION_BYTES = 64 * 1024;
  /** Estimated heap of a session record without lines, and of one line beyond its text. */
  static final int SESSION_OVERHEAD = 400;
  static final int LINE_OVERHEAD = 80;

  private final Deque<Entry> entries = new ArrayDeque<>();
  private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
  private final long maxBytes;
  private final List<java.util.function.Consumer<Change>> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** What happened to a session: it opened, kept a transcript line, or closed. */
  public enum State { OPENED, ACTIVE, CLOSED }

  /** A session's change, as {@link #onChange} tells it. */
  public record Change(String id, Listener listener, State state) {}

  /**
   * Calls {@code listener} when a session opens, adds a line to its transcript, or closes, on the
   * session's own thread (sometimes holding the log's lock): it must only note the change. Closing the
   * result stops the calls.
   */
  public AutoCloseable onChange(java.util.function.Consumer<Change> listener) {
    changeListeners.add(listener);
    return () -> changeListeners.remove(listener);
  }

  private void changed(Entry e, State state) {
    if (changeListeners.isEmpty()) {
      return;
    }
    Change c = new Change(e.id, e.listener, state);
    for (java.util.function.Consumer<Change> l : changeListeners) {
      l.accept(c);
    }
  }

  /** A log with the default budget for this JVM's heap ({@link dev.fakemail.core.FakeMailConfig#defaultLogBudget}). */
  public SessionLog() {
    this(dev.fakemail.core.FakeMailConfig.defaultLogBudget(Runtime.getRuntime().maxMemory()));
  }

  public SessionLog(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Starts recording a session. */
  public synchronized Entry open(String id, Listener listener, String clientAddress) {
    Entry e = new Entry(this, id, listener, clientAddress, Instant.now());
    entries.addLast(e);
    bytes.addAndGet(SESSION_OVERHEAD);
    while (entries.size() > MAX_SESSIONS) {
      drop(entries.removeFirst());
    }
    trim();
    changed(e, State.OPENED);
    return e;
  }

  /** The estimated heap the kept sessions take. */
  public long bytes() {
    return bytes.get();
  }

  /** Drops the oldest sessions while the log is over its budget (always keeping the newest). */
  synchronized void trim() {
    while (bytes.get() > maxBytes && entries.size() > 1) {
      drop(entries.removeFirst());
    }
  }

  private void drop(Entry e) {
    synchronized (e) {
      e.detached = true;
      bytes.addAndGet(-(SESSION_OVERHEAD + e.bytes));
      e.bytes = 0;
    }
  }

  public synchronized List<SessionRecord> snapshot() {
    List<SessionRecord> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.snapshot());
    }
    return out;
  }

  public synchronized void clear() {
    for (java.util.Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.endedAt != null) {
        it.remove();
        drop(e);
      } else {
        e.clearHistory();
      }
    }
  }

  /** The live record of one session; written by its session thread, read by snapshots. */
  public static final class Entry {
    private final SessionLog log;
    private final String id;
    private final Listener listener;
    private final String clientAddress;
    private final Instant startedAt;
    private final org.slf4j.Logger wire;
    private volatile Instant endedAt;
    private String helo = "";
    private String authUser = "";
    private String tlsProtocol = "";
    private String tlsCipher = "";
    private final List<TranscriptLine> lines = new ArrayList<>();
    private final List<String> messageIds = new ArrayList<>();
    private int dropped;
    private long bytes; // estimated heap of the lines kept; guarded by this
    private boolean detached; // dropped from the log: keeps no more lines

    Entry(SessionLog log, String id, Listener listener, String clientAddress, Instant startedAt) {
      this.log = log;
      this.id = id;
      this.listener = listener;
      this.clientAddress = clientAddress;
      this.startedAt = startedAt;
      this.wire = WIRE.get(listener.protocol());
    }

    public void client(String text) {
      add(Direction.C, text);
    }

    public void server(String text) {
      add(Direction.S, text);
    }

    /**
     * A server line whose text is made only when it is kept or traced: past the line limit a FETCH
     * of many messages costs a count, not a formatted line each.
     */
    public void server(Supplier<String> text) {
      add(Direction.S, text);
    }

    /** A client line whose text is made only when it is kept or traced. */
    public void client(Supplier<String> text) {
      add(Direction.C, text);
    }

    // not holding this entry's monitor while adding: add(String) may trim the log, which takes the log's first
    private void add(Direction d, Supplier<String> text) {
      if (wire.isTraceEnabled() || hasRoom()) {
        add(d, text.get());
      } else {
        synchronized (this) {
          dropped++;
        }
      }
    }

    private synchronized boolean hasRoom() {
      return !detached && lines.size() < MAX_LINES;
    }

    /** Notes a fault rule that fired, as {@code [fault 3 fired: LOGIN -> REPLY "..."]}. */
    public void fault(Fault f) {
      server("[fault " + f.id() + " fired: " + f.describe() + "]");
    }

    private void add(Direction d, String text) {
      wire.trace("{} {}: {}", id, d, text);
      long cost = LINE_OVERHEAD + text.length();
      synchronized (this) {
        if (detached || lines.size() >= MAX_LINES || bytes + cost > MAX_SESSION_BYTES) {
          dropped++;
          return;
        }
        lines.add(new TranscriptLine(Instant.now(), d, text));
        bytes += cost;
      }
      log.changed(this, State.ACTIVE);
      if (log.bytes.addAndGet(cost) > log.maxBytes) {
        log.trim(); // not holding this entry's monitor: the log takes its own, then the entries'
      }
    }

    public synchronized void helo(String helo) {
      this.helo = helo;
    }

    public synchronized void authUser(String user) {
      this.authUser = user;
    }

    public synchronized void tls(String protocol) {
      this.tlsProtocol = protocol;
    }

    public synchronized void tls(String protocol, String cipher) {
      this.tlsProtocol = protocol;
      this.tlsCipher = cipher == null ? "" : cipher;
    }

    public synchronized void delivered(String messageId) {
      messageIds.add(messageId);
    }

    public void ended() {
      endedAt = Instant.now();
      log.changed(this, State.CLOSED);
    }

    synchronized void clearHistory() {
      lines.clear();
      messageIds.clear();
      dropped = 0;
      log.bytes.addAndGet(-bytes);
      bytes = 0;
    }

    synchronized SessionRecord snapshot() {
      List<TranscriptLine> t = new ArrayList<>(lines);
      if (dropped > 0) {
        t.add(new TranscriptLine(Instant.now(), Direction.S, "[" + dropped + " more lines not kept]"));
      }
      return new SessionRecord(id, listener, clientAddress, startedAt, endedAt, helo, authUser, tlsProtocol, tlsCipher, t,
          messageIds);
    }
  }
}
