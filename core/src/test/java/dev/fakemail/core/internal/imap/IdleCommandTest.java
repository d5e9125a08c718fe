package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** IDLE through a fake exchange: updates pushed as they happen, DONE ends it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IdleCommandTest {
  private final FakeImapSession imap = new FakeImapSession();

  @Test
  void idleSendsAContinuationThenTheUpdatesAsTheyArriveUntilDone() {
    imap.select();
    AtomicBoolean delivered = new AtomicBoolean();
    imap.exchange.onFlush = written -> {
      if (written.contains("+ idling") && delivered.compareAndSet(false, true)) {
        imap.deliver("while idling"); // wakes the session, which writes the update and flushes again
      } else if (written.contains("* 1 EXISTS")) {
        imap.exchange.lines("DONE");
      }
    };
    FakeImapSession.Response r = imap.run("i IDLE");
    assertThat(r.completion()).isEqualTo("i OK IDLE terminated");
    assertThat(r.untagged()).startsWith("+ idling\r\n").contains("* 1 EXISTS\r\n");
  }

  @Test
  void anythingButDoneIsBad() {
    imap.login();
    imap.exchange.lines("STOP");
    assertThat(imap.complete("i IDLE")).isEqualTo("i BAD Expected DONE to end IDLE");
  }

  @Test
  void aClientThatHangsUpDuringIdleEndsTheSession() {
    imap.login();
    imap.exchange.hangUp();
    assertThatThrownBy(() -> imap.run("i IDLE")).isInstanceOf(UncheckedIOException.class).hasMessageContaining("IDLE");
  }

  @Test
  void idleNeedsALogin() {
    assertThat(imap.complete("i IDLE")).isEqualTo("i BAD Command not valid in this state");
  }
}
