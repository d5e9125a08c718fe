package dev.fakemail.core;

import java.time.Duration;

/**
 * The simulated clock of a server, the same whichever way the test reaches it: {@link SimulatedClock}
 * in-process ({@link FakeMailServer#clock()}), or the inspector client's remote clock over HTTP. Relay
 * retries and greylisting follow it; moving it forward runs the retries now due without waiting.
 *
 * <pre>{@code
 * mail.clock().advance(Duration.ofMinutes(5));
 * }</pre>
 */
public interface ClockControl {
  /**
   * Moves the clock forward and wakes whatever waits on it (the relay queue).
   *
   * @param amount how far; not negative
   * @return how far the clock is now ahead of real time
   * @throws IllegalArgumentException when {@code amount} is negative
   */
  Duration advance(Duration amount);

  /** @return how far the clock has been moved ahead of real time */
  Duration offset();
}
