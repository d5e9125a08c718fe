package dev.fakemail.core;

import dev.fakemail.core.internal.fault.FaultEngine;
import java.time.Duration;
import java.util.List;

/**
 * The fault rules of a server ({@link FakeMailServer#faults()}): add, list, remove, clear; and the
 * presets for the failures real mail servers produce. A preset is a {@link Fault.Builder}, to be
 * narrowed further before it is added:
 * {@code faults.add(Faults.apiRateLimited(Duration.ofSeconds(5)).provider("sendgrid").times(1))}.
 */
public final class Faults implements FaultRules {
  private final FaultEngine engine;

  Faults(FaultEngine engine) {
    this.engine = engine;
  }

  /** Adds a rule and returns it with its id. Rules are checked in the order added; the first that fires wins. */
  @Override
  public Fault add(Fault rule) {
    return engine.add(java.util.Objects.requireNonNull(rule, "rule"));
  }

  @Override
  public List<Fault> list() {
    return engine.rules();
  }

  @Override
  public boolean remove(String id) {
    return engine.remove(id);
  }

  @Override
  public void clear() {
    engine.clear();
  }

  /**
   * Greylisting: the first attempt of each (sender, recipient, client address) gets
   * {@code 451 4.7.1}, as does every retry until {@code retryAfter} has passed; then it is accepted.
   */
  public static Fault.Builder greylisting(Duration retryAfter) {
    return Fault.at(Fault.Stage.RCPT)
        .reply("451 4.7.1 Greylisted, please try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds")
        .greylist(retryAfter.isZero() ? Duration.ofMillis(1) : retryAfter);
  }

  /** A rate limit: past {@code messages} MAIL commands in any {@code window}, {@code 421 4.7.0} and the connection closes. */
  public static Fault.Builder rateLimit(int messages, Duration window) {
    return Fault.at(Fault.Stage.MAIL).reply("421 4.7.0 Rate limit exceeded, try again later").after(messages).window(window);
  }

  /** A full mailbox: RCPT to this address gets {@code 452 4.2.2} (temporary; see {@link #mailboxFullPermanently}). */
  public static Fault.Builder mailboxFull(String address) {
    return Fault.at(Fault.Stage.RCPT).to(address).reply("452 4.2.2 Mailbox full");
  }

  /** A full mailbox, permanently: {@code 552 5.2.2}. */
  public static Fault.Builder mailboxFullPermanently(String address) {
    return Fault.at(Fault.Stage.RCPT).to(address).reply("552 5.2.2 Mailbox full");
  }

  /** Preset: the provider's rate limit, {@code 429} with {@code Retry-After} in seconds. */
  public static Fault.Builder apiRateLimited(Duration retryAfter) {
    return Fault.at(Fault.Stage.API).reply("429 Retry-After: " + Math.max(0, retryAfter.toSeconds()));
  }

  /** Preset: the provider is down, {@code 503}. */
  public static Fault.Builder apiUnavailable() {
    return Fault.at(Fault.Stage.API).reply("503 Service Unavailable");
  }

  /** Preset: the provider takes {@code d} to answer (longer than the SDK's timeout, to test it). */
  public static Fault.Builder apiTimeout(Duration d) {
    return Fault.at(Fault.Stage.API).delay(d);
  }
}
