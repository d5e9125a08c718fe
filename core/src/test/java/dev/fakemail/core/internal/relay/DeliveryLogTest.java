package dev.fakemail.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DeliveryAttempt;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delivery log keeps the newest attempts within its byte budget and its count. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DeliveryLogTest {
  private static DeliveryAttempt attempt(int i, String reply) {
    return new DeliveryAttempt(Instant.now(), "m" + i, "a@x.test", "b" + i + "@y.test", "mx.y.test", reply,
        DeliveryAttempt.Outcome.DEFERRED, 1);
  }

  @Test
  void pastItsBudgetTheOldestAttemptsAreDropped() {
    DeliveryLog log = new DeliveryLog(20_000);
    for (int i = 0; i < 100; i++) {
      log.add(attempt(i, "451 4.3.0 " + "z".repeat(500)));
    }
    assertThat(log.snapshot().size()).isBetween(10, 30);
    assertThat(log.snapshot().get(log.snapshot().size() - 1).messageId()).isEqualTo("m99");
  }

  @Test
  void atMostTenThousandAttemptsAreKept() {
    DeliveryLog log = new DeliveryLog(Long.MAX_VALUE);
    for (int i = 0; i < DeliveryLog.MAX + 5; i++) {
      log.add(attempt(i, "250 ok"));
    }
    assertThat(log.snapshot()).hasSize(DeliveryLog.MAX);
    assertThat(log.snapshot().get(0).messageId()).isEqualTo("m5");
  }

  @Test
  void anAttemptBegunBeforeAClearIsNotLoggedAfterIt() {
    DeliveryLog log = new DeliveryLog(Long.MAX_VALUE);
    long before = log.epoch();
    log.add(attempt(1, "250 ok"), before);
    log.clear(); // a reset while the relay worker was attempting message 2
    log.add(attempt(2, "250 ok"), before);
    log.add(attempt(3, "250 ok"), log.epoch());
    assertThat(log.snapshot()).extracting(DeliveryAttempt::messageId).containsExactly("m3");
  }
}
