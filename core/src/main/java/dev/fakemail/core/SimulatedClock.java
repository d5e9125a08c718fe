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
public final class SimulatedClock extends Clock implements ClockControl {
  private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();
  private volatile Duration offset = Duration.ZERO;

  SimulatedClock() {}

  /** Moves the clock forward and wakes whatever waits on it (the relay queue). */
  @Override
  public Duration advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; got " + amount);
    }
    Duration now;
    synchronized (this) {
      offset = offset.plus(amount);
      now = offset;
    }
    onAdvance.forEach(Runnable::run);
    return now;
  }

  /** How far the clock has been moved ahead of real time. */
  @Override
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

  /** This clock seen in another zone; it still follows {@link #advance(Duration)}. */
  @Override
  public Clock withZone(ZoneId zone) {
    SimulatedClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  void onAdvance(Runnable r) {
    onAdvance.add(r);
  }

  @Override
  public String toString() {
    return "SimulatedClock[" + instant() + ", offset " + offset + "]";
  }
}
