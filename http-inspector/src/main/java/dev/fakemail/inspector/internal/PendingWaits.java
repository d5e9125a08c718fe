package dev.fakemail.inspector.internal;

import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.StoreListener;
import dev.fakemail.inspector.internal.json.ErrorJson;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The long polls waiting right now. A wait holds no thread: its exchange is parked (dispatched to
 * nothing), the store's {@link StoreListener#added} signal re-checks the waits whose filter the new
 * message matches, a timer of the connection's I/O thread ends the wait, and the connection is
 * watched for the client going away, which drops the wait at once. The answer is made on a worker
 * thread and written by the connection's I/O thread, once.
 *
 * <p>Closing answers every wait at once (503), so that stopping the HTTP server never waits for a
 * poll's full wait.
 */
public final class PendingWaits implements StoreListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PendingWaits.class);
  private static final AttachmentKey<ConnectionWatch> WATCH = AttachmentKey.create(ConnectionWatch.class);

  private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
  /**
   * The waits whose filter names a recipient, by (the first such) recipient, lower case: a new
   * message is checked against the waits for its envelope recipients only (the store answers a
   * recipient filter from its envelope index too), and against the waits with no recipient.
   */
  private final Map<String, Set<Waiter>> byRecipient = new ConcurrentHashMap<>();
  private final Set<Waiter> anyRecipient = ConcurrentHashMap.newKeySet();
  private final Responses responses;
  private volatile Executor worker = Runnable::run;
  private volatile boolean closed;

  public PendingWaits(Responses responses) {
    this.responses = responses;
  }

  /** Where answers are made (the HTTP server's worker pool, once it runs). */
  public void useWorker(Executor worker) {
    this.worker = worker;
  }

  /** How many waits are pending now. */
  public int size() {
    return waiting.size();
  }

  /**
   * Answers the exchange with {@code answer} of the matching messages once {@code min} match, or with
   * what matched when {@code wait} ends. Called from a handler, which then returns; no thread waits.
   */
  public void await(HttpServerExchange exchange, MessageStore store, MessageFilter filter, int min, Duration wait,
      Function<List<ReceivedMessage>, Object> answer) {
    Waiter w = new Waiter(exchange, store, filter, min, answer);
    // Runs once the handler has returned: from then on the exchange is only ours.
    exchange.dispatch(SameThreadExecutor.INSTANCE, () -> begin(w, wait));
  }

  private void begin(Waiter w, Duration wait) {
    waiting.add(w);
    if (w.recipient == null) {
      anyRecipient.add(w);
    } else {
      byRecipient.compute(w.recipient, (k, set) -> {
        Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
        s.add(w);
        return s;
      });
    }
    if (closed) {
      stopping(w);
      return;
    }
    try {
      w.timer = w.exchange.getIoThread().executeAfter(() -> timeUp(w), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
      w.exchange.getIoThread().execute(() -> watch(w));
    } catch (RejectedExecutionException e) {
      stopping(w); // the I/O thread is stopping with the server
      return;
    }
    check(w);
  }

  private void check(Waiter w) {
    if (w.done.get()) {
      return;
    }
    List<ReceivedMessage> found = w.store.find(w.filter);
    if (found.size() >= w.min) {
      answer(w, found);
    }
  }

  private void timeUp(Waiter w) {
    if (!w.done.get()) {
      execute(() -> answer(w, w.store.find(w.filter)));
    }
  }

  @Override
  public void added(ReceivedMessage m) {
    if (waiting.isEmpty()) {
      return;
    }
    // Not on the SMTP session's thread: matching the waits is the worker's job.
    execute(() -> {
      Set<Waiter> candidates = new HashSet<>(anyRecipient);
      for (String rcpt : m.envelope().recipientAddresses()) {
        Set<Waiter> those = byRecipient.get(rcpt.toLowerCase(Locale.ROOT));
        if (those != null) {
          candidates.addAll(those);
        }
      }
      for (Waiter w : candidates) {
        if (!w.done.get() && w.filter.matches(m)) {
          check(w);
        }
      }
    });
  }

  private void execute(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("the HTTP worker is stopping; pending waits end with the server");
    }
  }

  private void answer(Waiter w, List<ReceivedMessage> found) {
    if (!w.claim()) {
      return;
    }
    leave(w);
    int status = 200;
    byte[] body;
    try {
      body = responses.mapper().writeValueAsBytes(w.answer.apply(found));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot answer a long poll", e);
      status = 500;
      body = errorBody(500, "internal error: " + e.getClass().getSimpleName());
    }
    send(w, status, body);
  }

  private void stopping(Waiter w) {
    if (w.claim()) {
      leave(w);
      send(w, 503, errorBody(503, "the server is stopping"));
    }
  }

  /** The client went away: the wait ends with no answer. */
  private void drop(Waiter w) {
    if (w.claim()) {
      leave(w);
    }
  }

  private void leave(Waiter w) {
    waiting.remove(w);
    if (w.recipient == null) {
      anyRecipient.remove(w);
    } else {
      byRecipient.computeIfPresent(w.recipient, (k, set) -> {
        set.remove(w);
        return set.isEmpty() ? null : set;
      });
    }
    XnioExecutor.Key timer = w.timer;
    if (timer != null) {
      timer.remove();
    }
  }

  private void send(Waiter w, int status, byte[] body) {
    Runnable write = () -> {
      unwatch(w);
      responses.bytes(w.exchange, status, Responses.JSON, body);
    };
    try {
      w.exchange.getIoThread().execute(write);
    } catch (RejectedExecutionException e) {
      IoUtils.safeClose(w.exchange.getConnection());
    }
  }

  private byte[] errorBody(int status, String message) {
    try {
      return responses.mapper().writeValueAsBytes(new ErrorJson(message, status));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** On the connection's I/O thread: reads are resumed so that the client's close is seen now. */
  private void watch(Waiter w) {
    if (w.done.get() || !(w.exchange.getConnection() instanceof HttpServerConnection c)) {
      return;
    }
    ConnectionWatch cw = c.getAttachment(WATCH);
    if (cw == null) {
      ConnectionWatch created = new ConnectionWatch(c);
      c.putAttachment(WATCH, created);
      c.addCloseListener(created);
      cw = created;
    }
    cw.current = w;
    if (!c.isOpen()) {
      drop(w);
      return;
    }
    if (c.getExtraBytes() != null) {
      return; // a pipelined request is already read: the timer ends this wait, the close listener still drops it
    }
    ConduitStreamSourceChannel source = c.getChannel().getSourceChannel();
    source.setReadListener(cw::readable);
    source.resumeReads();
  }

  /** On the I/O thread, before the answer is written: the connection is Undertow's again. */
  private static void unwatch(Waiter w) {
    if (w.exchange.getConnection() instanceof HttpServerConnection c) {
      ConnectionWatch cw = c.getAttachment(WATCH);
      if (cw != null && cw.current == w) {
        cw.current = null;
        ConduitStreamSourceChannel source = c.getChannel().getSourceChannel();
        source.suspendReads();
        source.setReadListener(null);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    waiting.forEach(this::stopping);
  }

  private static final class Waiter {
    final HttpServerExchange exchange;
    final MessageStore store;
    final MessageFilter filter;
    final int min;
    final Function<List<ReceivedMessage>, Object> answer;
    final String recipient; // the first the filter requires (lower case), or null
    final AtomicBoolean done = new AtomicBoolean();
    volatile XnioExecutor.Key timer;

    Waiter(HttpServerExchange exchange, MessageStore store, MessageFilter filter, int min,
        Function<List<ReceivedMessage>, Object> answer) {
      this.exchange = exchange;
      this.store = store;
      this.filter = filter;
      this.min = min;
      this.answer = answer;
      this.recipient = dev.fakemail.core.internal.CoreAccess.get().recipients(filter).stream().findFirst().orElse(null);
    }

    boolean claim() {
      return done.compareAndSet(false, true);
    }
  }

  /** One per connection that ever long-polled: its close drops the wait it holds. */
  private final class ConnectionWatch implements ServerConnection.CloseListener {
    private final HttpServerConnection connection;
    volatile Waiter current;

    ConnectionWatch(HttpServerConnection connection) {
      this.connection = connection;
    }

    @Override
    public void closed(ServerConnection c) {
      Waiter w = current;
      if (w != null) {
        drop(w);
      }
    }

    /** Bytes while waiting: the end of the stream (the client left), or a pipelined request kept for later. */
    void readable(ConduitStreamSourceChannel channel) {
      PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
      boolean kept = false;
      try {
        int n = channel.read(pooled.getBuffer());
        if (n < 0) {
          IoUtils.safeClose(connection);
        } else if (n > 0) {
          channel.suspendReads();
          channel.setReadListener(null);
          pooled.getBuffer().flip();
          connection.ungetRequestBytes(pooled);
          kept = true;
        }
      } catch (IOException e) {
        IoUtils.safeClose(connection);
      } finally {
        if (!kept) {
          pooled.close();
        }
      }
    }
  }
}
