package dev.fakemail.core.internal.store;

import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.SessionRecord.TranscriptLine;
import dev.fakemail.core.SessionRecord.TranscriptLine.Direction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent SMTP sessions with their transcripts, bounded in sessions kept and in lines kept
 * per session, so that a long run never grows without limit.
 */
public final class SessionLog {
  /** The SMTP wire trace: the transcript's lines, already masked, at TRACE. */
  private static final org.slf4j.Logger WIRE = org.slf4j.LoggerFactory.getLogger("dev.fakemail.smtp.wire");

  public static final int MAX_SESSIONS = 1000;
  public static final int MAX_LINES = 500;

  private final Deque<Entry> entries = new ArrayDeque<>();

  /** Starts recording a session. */
  public synchronized Entry open(String id, Listener listener, String clientAddress) {
    Entry e = new Entry(id, listener, clientAddress, Instant.now());
    entries.addLast(e);
    while (entries.size() > MAX_SESSIONS) {
      entries.removeFirst();
    }
    return e;
  }

  public synchronized List<SessionRecord> snapshot() {
    List<SessionRecord> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.snapshot());
    }
    return out;
  }

  public synchronized void clear() {
    entries.removeIf(e -> e.endedAt != null);
    for (Entry e : entries) {
      e.clearHistory();
    }
  }

  /** The live record of one session; written by its session thread, read by snapshots. */
  public static final class Entry {
    private final String id;
    private final Listener listener;
    private final String clientAddress;
    private final Instant startedAt;
    private volatile Instant endedAt;
    private String helo = "";
    private String authUser = "";
    private String tlsProtocol = "";
    private final List<TranscriptLine> lines = new ArrayList<>();
    private final List<String> messageIds = new ArrayList<>();
    private int dropped;

    Entry(String id, Listener listener, String clientAddress, Instant startedAt) {
      this.id = id;
      this.listener = listener;
      this.clientAddress = clientAddress;
      this.startedAt = startedAt;
    }

    public synchronized void client(String text) {
      add(Direction.C, text);
    }

    public synchronized void server(String text) {
      add(Direction.S, text);
    }

    private void add(Direction d, String text) {
      WIRE.trace("{} {}: {}", id, d, text);
      if (lines.size() < MAX_LINES) {
        lines.add(new TranscriptLine(Instant.now(), d, text));
      } else {
        dropped++;
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

    public synchronized void delivered(String messageId) {
      messageIds.add(messageId);
    }

    public void ended() {
      endedAt = Instant.now();
    }

    synchronized void clearHistory() {
      lines.clear();
      messageIds.clear();
      dropped = 0;
    }

    synchronized SessionRecord snapshot() {
      List<TranscriptLine> t = new ArrayList<>(lines);
      if (dropped > 0) {
        t.add(new TranscriptLine(Instant.now(), Direction.S, "[" + dropped + " more lines not kept]"));
      }
      return new SessionRecord(id, listener, clientAddress, startedAt, endedAt, helo, authUser, tlsProtocol, t, messageIds);
    }
  }
}
