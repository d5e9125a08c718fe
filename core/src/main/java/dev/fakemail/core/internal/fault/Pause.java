package dev.fakemail.core.internal.fault;

import java.util.concurrent.locks.LockSupport;

/** The DELAY action: holds the session thread for the rule's time (the fault itself, not a wait for mail). */
public final class Pause {
  private Pause() {}

  public static void of(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
