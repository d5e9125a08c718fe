package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Fault.Action;
import dev.fakemail.core.Fault.Stage;
import dev.fakemail.core.internal.fault.FaultEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Fault} is built only through its builder, which refuses a rule without an action. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FaultTest {
  @Test
  void theEngineCountsEachRulesFiringsByIdOutsideTheRule() {
    FaultEngine engine = new FaultEngine(Instant::now);
    Fault twice = engine.add(Fault.at(Stage.RCPT).to("full@x.test").reply("452 4.2.2 Mailbox full").times(2).build());
    Fault never = engine.add(Fault.at(Stage.MAIL).from("nobody@x.test").disconnect().build());
    var ctx = dev.fakemail.core.internal.fault.FaultContext.of("smtp", "127.0.0.1", null)
        .withEnvelope("a@x.test", java.util.List.of("full@x.test"));
    for (int i = 0; i < 3; i++) {
      engine.fire(Stage.RCPT, ctx);
    }
    assertThat(engine.firedCounts()).containsExactly(java.util.Map.entry(twice.id(), 2L), java.util.Map.entry(never.id(), 0L));
    engine.remove(twice.id());
    assertThat(engine.firedCounts()).containsOnlyKeys(never.id());
  }

  @Test
  void aRuleWithoutAnActionIsAnErrorNotASilentDisconnect() {
    assertThatThrownBy(() -> Fault.at(Stage.RCPT).to("bob@x.test").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Fault.at(RCPT) has no action")
        .hasMessageContaining("disconnect()");
    Faults faults = new Faults(new FaultEngine(Instant::now));
    assertThatThrownBy(() -> faults.add(Fault.at(Stage.MAIL))).isInstanceOf(IllegalStateException.class);
    assertThat(faults.list()).isEmpty();
  }

  @Test
  void readsLikeTheRuleAndKeepsDurations() {
    Fault f = Fault.at(Stage.RCPT).to("Bob@X.test").listener(Listener.SUBMISSION).reply("452 4.2.2 Mailbox full")
        .times(1).build();
    assertThat(f.stage()).isEqualTo(Stage.RCPT);
    assertThat(f.action()).isEqualTo(Action.REPLY);
    assertThat(f.match().to()).isEqualTo("Bob@X.test");
    assertThat(f.match().listener()).isEqualTo(Listener.SUBMISSION);
    assertThat(f.delay()).isEqualTo(Duration.ZERO);
    assertThat(f.id()).isEmpty();
    assertThat(f.describe()).isEqualTo("RCPT to=Bob@X.test listener=submission -> REPLY \"452 4.2.2 Mailbox full\" x1");

    Fault slow = Fault.at(Stage.MAIL).delay(Duration.ofMillis(1500)).window(Duration.ofMinutes(1)).after(3).build();
    assertThat(slow.delay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(slow.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(Faults.greylisting(Duration.ofMinutes(5)).build().greylist()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void toBuilderMakesAChangedCopyAndLeavesTheOriginal() {
    Fault f = Faults.mailboxFull("bob@x.test").build();
    Fault g = f.toBuilder().from("app@x.test").disconnect().build();
    assertThat(f.action()).isEqualTo(Action.REPLY);
    assertThat(g.action()).isEqualTo(Action.DISCONNECT);
    assertThat(g.reply()).isEmpty();
    assertThat(g.match().to()).isEqualTo("bob@x.test");
    assertThat(g.match().from()).isEqualTo("app@x.test");
    assertThat(f.toBuilder().build()).isEqualTo(f).hasSameHashCodeAs(f);
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> Fault.at(Stage.RCPT).reply("250 ok").build()).hasMessageContaining("4xx or 5xx");
    assertThatThrownBy(() -> Fault.at(Stage.MAIL).delay(Duration.ZERO).build()).hasMessageContaining("delay");
    assertThatThrownBy(() -> Fault.at(Stage.MAIL).tlsFail().build()).hasMessageContaining("TLS_FAIL");
    assertThatThrownBy(() -> Fault.at(Stage.MAIL).disconnect().window(Duration.ofSeconds(1)).build())
        .hasMessageContaining("window needs after");
  }

  @Test
  void aRuleSetGivesTheIdAndMatchesListenerAndProvider() {
    Faults faults = new Faults(new FaultEngine(Instant::now));
    Fault added = faults.add(Fault.at(Stage.API).provider("SendGrid").reply("503 down"));
    assertThat(added.id()).isNotEmpty();
    assertThat(added.match().provider()).isEqualTo("sendgrid");
    assertThat(faults.list()).containsExactly(added);
    assertThat(faults.remove(added.id())).isTrue();
  }
}
