package dev.fakemail.core;

import static dev.fakemail.core.DeliveryFilter.attempt;
import static dev.fakemail.core.DeliveryFilter.bounced;
import static dev.fakemail.core.DeliveryFilter.deferred;
import static dev.fakemail.core.DeliveryFilter.from;
import static dev.fakemail.core.DeliveryFilter.host;
import static dev.fakemail.core.DeliveryFilter.matching;
import static dev.fakemail.core.DeliveryFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.DeliveryAttempt.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DeliveryFilterTest {
  private static final DeliveryAttempt DEFERRED = new DeliveryAttempt(Instant.EPOCH, "7", "alice@corp.test",
      "bob@far.test", "mx.far.test", "451 4.3.0 try again", Outcome.DEFERRED, 1);
  private static final DeliveryAttempt BOUNCED = new DeliveryAttempt(Instant.EPOCH, "8", "", "Carol@Far.test", "",
      "550 5.4.4 no route", Outcome.BOUNCED, 2);

  @Test
  void everyCriterionMustHold() {
    assertThat(to("BOB@far.test").and(deferred()).and(host("MX.far.test")).matches(DEFERRED)).isTrue();
    assertThat(to("bob@far.test").and(bounced()).matches(DEFERRED)).isFalse();
    assertThat(from("").and(attempt(2)).matches(BOUNCED)).isTrue();
    assertThat(from("alice@corp.test").matches(BOUNCED)).isFalse();
    assertThat(DeliveryFilter.messageId("8").and(to("carol@far.test")).matches(BOUNCED)).isTrue();
    assertThat(DeliveryFilter.any().matches(BOUNCED)).isTrue();
    assertThat(matching("a reply about routes", a -> a.reply().contains("route")).matches(BOUNCED)).isTrue();
  }

  @Test
  void describesItselfAsItWasWritten() {
    assertThat(to("bob@far.test").and(bounced()).and(attempt(3)))
        .hasToString("to(\"bob@far.test\") and outcome(BOUNCED) and attempt(3)");
    assertThat(DeliveryFilter.any().describe()).isEqualTo("any()");
    assertThat(matching("a reply about quotas", a -> true).describe()).isEqualTo("a reply about quotas");
  }

  @Test
  void aFailureSaysWhatWasExpectedAndWhatEachAttemptLacks() {
    DeliveryFilter f = to("bob@far.test").and(DeliveryFilter.delivered());
    assertThat(f.failure(Duration.ofSeconds(10), List.of(DEFERRED, BOUNCED))).isEqualTo(
        "expected a delivery attempt matching to(\"bob@far.test\") and outcome(DELIVERED) within 10s, but none of the"
            + " 2 attempts made matches:"
            + "\n  #7 <alice@corp.test> to <bob@far.test> attempt 1 DEFERRED via mx.far.test: 451 4.3.0 try again"
            + "\n      lacks: outcome(DELIVERED)"
            + "\n  #8 <> to <Carol@Far.test> attempt 2 BOUNCED via -: 550 5.4.4 no route"
            + "\n      lacks: to(\"bob@far.test\"), outcome(DELIVERED)");
    assertThat(f.failure(Duration.ofMillis(1500), List.of()))
        .isEqualTo("expected a delivery attempt matching to(\"bob@far.test\") and outcome(DELIVERED) within 1500ms,"
            + " but no relay attempt was made at all");
  }

  @Test
  void blankArgumentsAreRefused() {
    assertThatThrownBy(() -> to(" ")).hasMessage("recipient must not be blank");
    assertThatThrownBy(() -> attempt(0)).hasMessage("attempt numbers start at 1, got 0");
    assertThatThrownBy(() -> matching("", a -> true)).hasMessage("description must not be blank");
  }
}
