package dev.fakemail.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The clock that relay retries follow: real time plus however far a test has moved it forward
 * with {@link #advance(Duration)}. Advancing wakes the relay queue at once, so retries that became
 * due run without anyone waiting for real time to pass.
 */
public final class SimulatedClock extends Clock {
  private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();
  private volatile Duration offset = Duration.ZERO;

  SimulatedClock() {}

  /** Moves the clock forward and wakes whatever waits on it (the relay queue). */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; got " + amount);
    }
    synchronized (this) {
      offset = offset.plus(amount);
    }
    onAdvance.forEach(Runnable::run);
  }

  /** How far the clock has been moved ahead of real time. */
  public Duration offset() {
    return offset;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset);
  }

  void onAdvance(Runnable r) {
    onAdvance.add(r);
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + instant() + ", offset " + offset + "]";
  }
}
