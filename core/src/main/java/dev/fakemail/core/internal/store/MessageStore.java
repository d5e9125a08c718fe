package dev.fakemail.core.internal.store;

import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every accepted message, once, in arrival order, indexed by envelope recipient. Bounded by a count
 * and by the server's {@link MemoryAccount} (each message is charged its octets and an estimated
 * overhead, see {@link #charge}): a message that would pass either is refused
 * ({@link StoreFullException}), and nothing already stored is evicted. Waiting is done on a
 * condition signalled by each insert.
 */
public final class MessageStore {
  private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final LinkedHashMap<String, ReceivedMessage> byId = new LinkedHashMap<>();
  private final Map<String, LinkedHashMap<String, ReceivedMessage>> byRecipient = new HashMap<>();
  private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final int maxMessages;
  private final MemoryAccount account;
  private long bytes;
  private long charged;

  /** A store with an account of its own of {@code maxBytes}. */
  public MessageStore(int maxMessages, long maxBytes) {
    this(maxMessages, new MemoryAccount(maxBytes));
  }

  public MessageStore(int maxMessages, MemoryAccount account) {
    if (maxMessages <= 0) {
      throw new IllegalArgumentException("store caps must be positive");
    }
    this.maxMessages = maxMessages;
    this.account = account;
  }

  /** The account this store charges. */
  public MemoryAccount account() {
    return account;
  }

  /**
   * What a stored message costs in the account: its octets, the per-message overhead, and an entry
   * per further recipient (the recipient index and that recipient's INBOX entry).
   */
  static long charge(ReceivedMessage m) {
    int recipients = m.envelope().recipientAddresses().size();
    return m.size() + (long) MemoryAccount.MESSAGE_OVERHEAD
        + (long) Math.max(0, recipients - 1) * MemoryAccount.FOLDER_ENTRY_OVERHEAD;
  }

  /** A new message id: a decimal sequence number, never reused within this store. */
  public String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  public void addListener(StoreListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StoreListener listener) {
    listeners.remove(listener);
  }

  /** Stores the message, or refuses it when a cap would be passed. Returns once it is visible to queries. */
  public void add(ReceivedMessage m) throws StoreFullException {
    lock.lock();
    try {
      if (byId.size() >= maxMessages) {
        throw new StoreFullException("store holds its maximum of " + maxMessages + " messages");
      }
      long cost = charge(m);
      if (!account.tryCharge(cost)) {
        throw new StoreFullException("memory budget full: " + account.used() + " of " + account.max()
            + " bytes in use, " + cost + " more needed");
      }
      byId.put(m.id(), m);
      bytes += m.size();
      charged += cost;
      for (String rcpt : m.envelope().recipientAddresses()) {
        byRecipient.computeIfAbsent(key(rcpt), k -> new LinkedHashMap<>()).put(m.id(), m);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (StoreListener l : listeners) {
      try {
        l.added(m);
      } catch (RuntimeException e) {
        LOG.warn("store listener failed on message {}", m.id(), e);
      }
    }
  }

  public Optional<ReceivedMessage> get(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(byId.get(id));
    } finally {
      lock.unlock();
    }
  }

  public boolean remove(String id) {
    ReceivedMessage m;
    lock.lock();
    try {
      m = byId.remove(id);
      if (m == null) {
        return false;
      }
      bytes -= m.size();
      long cost = charge(m);
      charged -= cost;
      account.release(cost);
      for (String rcpt : m.envelope().recipientAddresses()) {
        LinkedHashMap<String, ReceivedMessage> list = byRecipient.get(key(rcpt));
        if (list != null) {
          list.remove(id);
          if (list.isEmpty()) {
            byRecipient.remove(key(rcpt));
          }
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (StoreListener l : listeners) {
      l.removed(m);
    }
    return true;
  }

  public void clear() {
    lock.lock();
    try {
      byId.clear();
      byRecipient.clear();
      bytes = 0;
      account.release(charged);
      charged = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (StoreListener l : listeners) {
      l.cleared();
    }
  }

  public int size() {
    lock.lock();
    try {
      return byId.size();
    } finally {
      lock.unlock();
    }
  }

  public long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  /** Recipient addresses (lower case) with the number of messages stored for each. */
  public Map<String, Integer> recipientCounts() {
    lock.lock();
    try {
      Map<String, Integer> out = new java.util.TreeMap<>();
      byRecipient.forEach((k, v) -> out.put(k, v.size()));
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The matching messages, oldest first. A recipient criterion is answered from the index. */
  public List<ReceivedMessage> find(MessageFilter filter) {
    lock.lock();
    try {
      return findLocked(filter);
    } finally {
      lock.unlock();
    }
  }

  private List<ReceivedMessage> findLocked(MessageFilter filter) {
    Collection<ReceivedMessage> candidates = candidates(filter);
    if (dev.fakemail.core.internal.CoreAccess.get().isAny(filter)) {
      return new ArrayList<>(candidates);
    }
    List<ReceivedMessage> out = new ArrayList<>();
    for (ReceivedMessage m : candidates) {
      if (filter.matches(m)) {
        out.add(m);
      }
    }
    return out;
  }

  private Collection<ReceivedMessage> candidates(MessageFilter filter) {
    Collection<ReceivedMessage> best = byId.values();
    for (String rcpt : dev.fakemail.core.internal.CoreAccess.get().recipients(filter)) { // already lower case (MessageFilter.to)
      LinkedHashMap<String, ReceivedMessage> list = byRecipient.get(rcpt);
      if (list == null) {
        return List.of();
      }
      if (list.size() < best.size()) {
        best = list.values();
      }
    }
    return best;
  }

  /**
   * Waits until at least {@code count} messages match, then returns all that match; on timeout
   * returns what matched then (fewer than {@code count}).
   */
  public List<ReceivedMessage> await(MessageFilter filter, int count, Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        List<ReceivedMessage> found = findLocked(filter);
        if (found.size() >= count || nanos <= 0) {
          return found;
        }
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
