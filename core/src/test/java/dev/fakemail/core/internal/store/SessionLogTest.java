package dev.fakemail.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session log stays within its byte budget: oldest sessions go first, a session's own lines stop at its cap. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionLogTest {
  @Test
  void changeListenerHearsOpenedEachLineAndClosedUntilClosed() throws Exception {
    SessionLog log = new SessionLog(100_000);
    java.util.List<SessionLog.Change> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable sub = log.onChange(heard::add);
    SessionLog.Entry e = log.open("imap-1", Listener.IMAP, "127.0.0.1");
    e.client("a NOOP");
    e.ended();
    assertThat(heard).containsExactly(new SessionLog.Change("imap-1", Listener.IMAP, SessionLog.State.OPENED),
        new SessionLog.Change("imap-1", Listener.IMAP, SessionLog.State.ACTIVE),
        new SessionLog.Change("imap-1", Listener.IMAP, SessionLog.State.CLOSED));
    sub.close();
    log.open("imap-2", Listener.IMAP, "127.0.0.1").ended();
    assertThat(heard).hasSize(3);
  }

  @Test
  void pastItsBudgetTheOldestSessionsAreDropped() {
    SessionLog log = new SessionLog(100_000);
    for (int s = 0; s < 50; s++) {
      SessionLog.Entry e = log.open("s" + s, Listener.SMTP, "127.0.0.1");
      for (int i = 0; i < 20; i++) {
        e.client("RCPT TO:<" + "x".repeat(200) + "@example.test>");
      }
      e.ended();
    }
    assertThat(log.bytes()).isLessThanOrEqualTo(100_000);
    List<SessionRecord> kept = log.snapshot();
    assertThat(kept.size()).isBetween(2, 49);
    assertThat(kept.get(kept.size() - 1).id()).isEqualTo("s49");
    log.clear();
    assertThat(log.bytes()).isZero();
  }

  @Test
  void aSessionKeepsAtMostItsOwnBudgetOfLinesAndCountsTheRest() {
    SessionLog log = new SessionLog(10L << 20);
    SessionLog.Entry e = log.open("big", Listener.SMTP, "127.0.0.1");
    for (int i = 0; i < 400; i++) {
      e.client("NOOP " + "y".repeat(1000));
    }
    assertThat(log.bytes()).isLessThanOrEqualTo(SessionLog.MAX_SESSION_BYTES + SessionLog.SESSION_OVERHEAD);
    List<SessionRecord.TranscriptLine> lines = log.snapshot().get(0).transcript();
    assertThat(lines.get(lines.size() - 1).toString()).contains("more lines not kept");
  }

  @Test
  void aLiveSessionDroppedFromTheLogKeepsNoMoreLines() {
    SessionLog log = new SessionLog(2_000);
    SessionLog.Entry old = log.open("old", Listener.SMTP, "127.0.0.1");
    SessionLog.Entry young = log.open("young", Listener.SMTP, "127.0.0.1");
    young.client("x".repeat(1500)); // over the budget: "old" goes
    assertThat(log.snapshot()).extracting(SessionRecord::id).containsExactly("young");
    long before = log.bytes();
    old.client("still talking");
    assertThat(log.bytes()).isEqualTo(before);
  }
}
