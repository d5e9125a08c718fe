package dev.fakemail.core.internal.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The one memory budget of a server: every byte a client can make the server keep is charged here
 * before it is kept, and released when it goes. Stored messages (SMTP, relay, bounces, IMAP APPEND),
 * messages being received (the buffers of DATA and BDAT), the relay queue, mailboxes, folders and
 * folder entries made by COPY are charged as their octets plus an estimated overhead per object, so
 * that many small objects (100,000 recipients of a tiny message) exhaust the budget, not the heap.
 * A charge that would pass the cap is refused, and nothing already charged is evicted.
 */
public final class MemoryAccount {
  /**
   * Heap per stored message beyond its octets: {@code MemoryBenchmark} measures 668 bytes (the
   * record, its envelope and session, the store's indexes and the INBOX entry of one recipient).
   */
  public static final int MESSAGE_OVERHEAD = 700;
  /** A mailbox with its five folders (INBOX, Sent, Drafts, Trash, Junk) and subscriptions: ~2.3 KB measured. */
  public static final int MAILBOX_OVERHEAD = 2_400;
  /** A folder a client creates (its object, indexes, map and subscription entries). */
  public static final int FOLDER_OVERHEAD = 450;
  /** A message's entry in a folder beyond the one delivery made (COPY, MOVE, APPEND, a second recipient's INBOX). */
  public static final int FOLDER_ENTRY_OVERHEAD = 120;
  /** A relay job beyond its octets (recipients, schedule). */
  public static final int RELAY_JOB_OVERHEAD = 600;

  private final long max;
  private final AtomicLong used = new AtomicLong();

  public MemoryAccount(long max) {
    if (max <= 0) {
      throw new IllegalArgumentException("the memory budget must be positive");
    }
    this.max = max;
  }

  /** An account that never refuses (for parts used without a server, such as unit tests). */
  public static MemoryAccount unlimited() {
    return new MemoryAccount(Long.MAX_VALUE);
  }

  /** Charges {@code bytes} when they fit under the cap; false (and nothing charged) when not. */
  public boolean tryCharge(long bytes) {
    if (bytes <= 0) {
      return true;
    }
    while (true) {
      long now = used.get();
      if (bytes > max - now) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Charges {@code bytes} whatever the cap (what is already in memory and must be kept, such as a mailbox made by a login). */
  public void force(long bytes) {
    if (bytes > 0) {
      used.addAndGet(bytes);
    }
  }

  public void release(long bytes) {
    if (bytes > 0) {
      used.addAndGet(-bytes);
    }
  }

  /** Whether {@code bytes} would fit now (no charge made). */
  public boolean hasRoomFor(long bytes) {
    return bytes <= max - used.get();
  }

  public long used() {
    return used.get();
  }

  public long max() {
    return max;
  }

  @Override
  public String toString() {
    return "MemoryAccount[" + used.get() + " of " + max + " bytes]";
  }
}
