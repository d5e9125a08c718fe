package dev.fakemail.inspector.internal;

import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long polls waiting on the store's condition right now. Closing ends them at once (503), so
 * that stopping the HTTP server never waits for a poll's full wait.
 */
public final class PendingWaits implements AutoCloseable {
  private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** The store's await; on close the waiting worker thread is interrupted and the request gets 503. */
  public List<ReceivedMessage> await(MessageStore store, MessageFilter filter, int min, Duration wait) {
    Thread self = Thread.currentThread();
    waiting.add(self);
    try {
      if (closed) {
        throw stopping();
      }
      return store.await(filter, min, wait);
    } catch (InterruptedException e) {
      // Only close() interrupts a worker here, and the request ends now; the flag is not kept so that
      // the 503 can still be written by this thread.
      throw stopping();
    } finally {
      waiting.remove(self);
    }
  }

  private static ApiException stopping() {
    return new ApiException(503, "the server is stopping");
  }

  @Override
  public void close() {
    closed = true;
    waiting.forEach(Thread::interrupt);
  }
}
