package dev.fakemail.core.internal.relay;

import dev.fakemail.core.DeliveryAttempt;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every relay attempt, oldest first (the last {@value #MAX} kept, and no more than the log's budget
 * of estimated heap: the oldest are dropped first), with listeners and a bounded wait.
 */
public final class DeliveryLog {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
  static final int MAX = 10_000;
  /** Estimated heap of an attempt beyond the characters of its strings. */
  static final int ATTEMPT_OVERHEAD = 250;

  private final long maxBytes;
  private long bytes;

  /** A log with the default budget for this JVM's heap ({@link dev.fakemail.core.FakeMailConfig#defaultLogBudget}). */
  public DeliveryLog() {
    this(dev.fakemail.core.FakeMailConfig.defaultLogBudget(Runtime.getRuntime().maxMemory()));
  }

  public DeliveryLog(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static long cost(DeliveryAttempt a) {
    return ATTEMPT_OVERHEAD + a.messageId().length() + a.sender().length() + a.recipient().length() + a.host().length()
        + a.reply().length();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final Deque<DeliveryAttempt> attempts = new ArrayDeque<>();
  private final List<Consumer<DeliveryAttempt>> listeners = new CopyOnWriteArrayList<>();

  private long epoch; // guarded by lock; one more at each clear()

  public void add(DeliveryAttempt a) {
    add(a, -1);
  }

  /** The log's epoch: {@link #add(DeliveryAttempt, long)} with it adds nothing once the log was cleared since. */
  public long epoch() {
    lock.lock();
    try {
      return epoch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds an attempt unless the log was cleared since {@code epoch} was read (an attempt that began
   * before a reset and ended after it belongs to no test); a negative epoch always adds.
   */
  public void add(DeliveryAttempt a, long epoch) {
    lock.lock();
    try {
      if (epoch >= 0 && epoch != this.epoch) {
        return;
      }
      attempts.addLast(a);
      bytes += cost(a);
      while (attempts.size() > MAX || bytes > maxBytes && attempts.size() > 1) {
        bytes -= cost(attempts.removeFirst());
      }
      added.signalAll();
    } finally {
      lock.unlock();
    }
    LOG.info("relay {} to <{}> via {}: {} ({})", a.messageId(), a.recipient(), a.host().isEmpty() ? "-" : a.host(),
        a.outcome().name().toLowerCase(java.util.Locale.ROOT), a.reply());
    for (Consumer<DeliveryAttempt> l : listeners) {
      try {
        l.accept(a);
      } catch (RuntimeException e) {
        LOG.warn("delivery listener failed: {}", e.toString());
      }
    }
  }

  public List<DeliveryAttempt> snapshot() {
    lock.lock();
    try {
      return List.copyOf(attempts);
    } finally {
      lock.unlock();
    }
  }

  public void clear() {
    lock.lock();
    try {
      attempts.clear();
      bytes = 0;
      epoch++;
    } finally {
      lock.unlock();
    }
  }

  public dev.fakemail.core.Subscription addListener(Consumer<DeliveryAttempt> l) {
    listeners.add(l);
    java.util.concurrent.atomic.AtomicBoolean removed = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        listeners.remove(l); // once: a second close must not remove the same callback registered again
      }
    };
  }

  /** The first attempt (already logged or to come) matching the condition, within the timeout. */
  public Optional<DeliveryAttempt> await(Predicate<DeliveryAttempt> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        for (DeliveryAttempt a : attempts) {
          if (condition.test(a)) {
            return Optional.of(a);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        added.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }
}
