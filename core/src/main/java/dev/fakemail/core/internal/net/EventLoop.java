package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's event loop: one thread accepts connections (backing off while accepting fails) and
 * serves the sessions whose protocol runs on the loop ({@link LoopSession}), every connection that
 * is ready per wake-up, with idle timeouts and a graceful stop. A session that must block is handed
 * to the {@link ThreadedSessions}. A session's failure, even an {@link Error}, ends that session
 * alone; only a broken selector (or {@link #fail}) ends the loop, and then {@link #failure()} says why.
 */
final class EventLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);
  private static final long ACCEPT_RETRY_NANOS = 10_000_000L;
  /** The longest pause between accept attempts while they fail (out of file descriptors). */
  private static final long MAX_ACCEPT_RETRY_NANOS = 1_000_000_000L;
  private static final long ACCEPT_WARNING_INTERVAL_NANOS = 60_000_000_000L;
  /** The pause after an unexpected failure in the loop's own work, so that a lasting one cannot spin. */
  private static final long FAILURE_PAUSE_NANOS = 10_000_000L;

  private final Listener listener;
  private final ProtocolHandler handler;
  private final boolean tlsAvailable;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final SelectionKey serverKey;
  private final Semaphore slots;
  private final long idleTimeoutMillis;
  private final long sweepNanos;
  private final ThreadedSessions threads;
  private final Consumer<SocketChannel> accepted;
  private final Set<LoopConnection> onLoop = new HashSet<>(); // the loop thread's alone
  private final List<LoopConnection> handOffs = new ArrayList<>();
  private final Thread thread;
  private long acceptRetryAt;
  private long acceptRetryNanos = ACCEPT_RETRY_NANOS;
  private long acceptFailures; // in the current run of failing accepts
  private long lastAcceptWarning; // nanoTime of the last warning, 0 before the first
  private boolean acceptWarned; // the current run of failures was warned about
  private volatile long failedAccepts; // ever (the loop thread alone writes it)
  private volatile Throwable failure; // why the loop died, when it did without a stop
  private volatile Error injected; // fail
  private volatile boolean stopping;
  private volatile long stopDeadline;

  /**
   * A loop for a bound, non-blocking server channel; {@code accepted} gets each accepted connection
   * that has a slot (on the loop thread) and starts its session. Call {@link #start()} to run it.
   */
  EventLoop(Listener listener, ProtocolHandler handler, boolean tlsAvailable, ServerSocketChannel server, Semaphore slots,
            long idleTimeoutMillis, ThreadedSessions threads, Consumer<SocketChannel> accepted) throws IOException {
    this.listener = listener;
    this.handler = handler;
    this.tlsAvailable = tlsAvailable;
    this.server = server;
    this.slots = slots;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.sweepNanos = Math.max(5, Math.min(1000, idleTimeoutMillis / 10)) * 1_000_000L;
    this.threads = threads;
    this.accepted = accepted;
    this.selector = Selector.open();
    this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = new Thread(this::loop, "fakemail-" + listener.id() + "-loop");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Why the loop died; null while it serves. */
  Throwable failure() {
    return failure;
  }

  /** Makes the loop die of {@code error} as if its own machinery had failed (a test hook). */
  void fail(Error error) {
    injected = error;
    selector.wakeup();
  }

  long failedAccepts() {
    return failedAccepts;
  }

  // ---- the loop thread ----

  private void loop() {
    long nextSweep = System.nanoTime() + sweepNanos;
    try {
      while (true) {
        long now = System.nanoTime();
        if (stopping && stopOnLoop(now)) {
          return;
        }
        if (acceptRetryAt != 0 && now - acceptRetryAt >= 0 && serverKey.isValid()) {
          acceptRetryAt = 0;
          serverKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        long waitNanos = nextSweep - now;
        if (stopping || acceptRetryAt != 0) {
          waitNanos = Math.min(waitNanos, ACCEPT_RETRY_NANOS);
        }
        selector.select(this::ready, Math.max(1, waitNanos / 1_000_000L));
        Error fail = injected;
        if (fail != null) {
          injected = null;
          throw fail;
        }
        try {
          handOffPending();
          now = System.nanoTime();
          if (now - nextSweep >= 0) {
            closeExpired(now);
            nextSweep = now + sweepNanos;
          }
        } catch (RuntimeException | Error e) { // e.g. OutOfMemoryError: the loop carries on
          LOG.warn("{} event loop: unexpected failure; carrying on", listener.id(), e);
          LockSupport.parkNanos(FAILURE_PAUSE_NANOS);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      if (!stopping) {
        failure = e;
        LOG.error("{} stopped accepting: its event loop failed", listener.id(), e);
      }
    } finally {
      for (LoopConnection c : new ArrayList<>(onLoop)) {
        end(c);
      }
      for (LoopConnection c : handOffs) {
        c.session.ended();
        slots.release();
        c.close();
      }
      closeServer();
      try {
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private void ready(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key == serverKey) {
      try {
        acceptAll();
      } catch (RuntimeException | Error e) {
        acceptFailed(e);
      }
      return;
    }
    LoopConnection c = (LoopConnection) key.attachment();
    try {
      if (key.isWritable()) { // a slow reader has taken the rest of its replies
        send(c);
        return;
      }
      int n = c.fill();
      if (n < 0) {
        LOG.debug("{} closed by the client", c.id());
        end(c);
      } else if (n > 0) {
        handle(c);
      }
    } catch (IOException e) {
      LOG.debug("{} ended: {}", c.id(), e.toString());
      end(c);
    } catch (RuntimeException | Error e) { // one connection's trouble (even OutOfMemoryError) must never stop the loop
      LOG.warn("{} failed unexpectedly; closing this connection", c.id(), e);
      endAfterFailure(c);
    }
  }

  /** Ends a connection whose handling failed, even if ending it fails too (out of memory). */
  private void endAfterFailure(LoopConnection c) {
    try {
      end(c);
    } catch (RuntimeException | Error e) {
      onLoop.remove(c);
      c.key.cancel();
      slots.release();
      SocketListener.closeQuietly(c.channel());
    }
  }

  private void acceptAll() {
    while (!stopping) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException | RuntimeException | Error e) { // e.g. out of file descriptors: back off, don't spin
        acceptFailed(e);
        return;
      }
      if (ch == null) {
        return;
      }
      if (acceptFailures > 0) {
        if (acceptWarned) {
          LOG.info("{} accepts again, after {} failed attempts", listener.id(), acceptFailures);
        }
        acceptWarned = false;
        acceptFailures = 0;
        acceptRetryNanos = ACCEPT_RETRY_NANOS;
      }
      if (!slots.tryAcquire()) {
        refuse(ch, handler.busyReply());
        continue;
      }
      accepted.accept(ch);
    }
  }

  /**
   * Accepting failed (EMFILE, ENFILE...): accepts pause for a while, doubling up to a second while
   * they keep failing. An episode is logged once, when it begins, and once more when accepts work
   * again; failures that come back within {@link #ACCEPT_WARNING_INTERVAL_NANOS} of the warning
   * (a process that hovers at its descriptor limit) belong to the same episode and are not logged again.
   */
  private void acceptFailed(Throwable e) {
    failedAccepts++;
    if (acceptFailures++ == 0) {
      long now = System.nanoTime();
      if (lastAcceptWarning == 0 || now - lastAcceptWarning >= ACCEPT_WARNING_INTERVAL_NANOS) {
        LOG.warn("{} cannot accept connections: {}; retrying with back-off (logged once a minute at most while it lasts)",
            listener.id(), e.toString());
        lastAcceptWarning = now;
        acceptWarned = true;
      } else {
        LOG.debug("{} cannot accept connections again: {}", listener.id(), e.toString());
      }
    } else {
      LOG.debug("{} accept failed again: {}", listener.id(), e.toString());
      acceptRetryNanos = Math.min(MAX_ACCEPT_RETRY_NANOS, acceptRetryNanos * 2);
    }
    serverKey.interestOps(0);
    acceptRetryAt = System.nanoTime() + acceptRetryNanos;
  }

  private void refuse(SocketChannel ch, String reply) {
    try (ch) {
      if (!listener.implicitTls()) {
        ch.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8))); // a fresh socket's buffer takes it at once
      }
    } catch (IOException ignored) {
      // the client is gone: nothing to tell it
    }
    LOG.debug("{} refused a connection: at the connection limit", listener.id());
  }

  /**
   * Starts a session for this connection on the loop if its protocol has one
   * ({@link ProtocolHandler#openOnLoop}): true, with the greeting on its way. False, with the channel
   * blocking again, when the protocol wants a thread. Runs on the loop thread.
   */
  boolean startOnLoop(String id, SocketChannel ch) throws IOException {
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    LoopConnection c = new LoopConnection(id, listener, ch, tlsAvailable, idleTimeoutMillis * 1_000_000L);
    LoopSession session = handler.openOnLoop(c);
    if (session == null) {
      ch.configureBlocking(true);
      return false;
    }
    c.session = session;
    c.key = ch.register(selector, SelectionKey.OP_READ, c);
    onLoop.add(c);
    afterInput(c); // sends the greeting
    return true;
  }

  private void handle(LoopConnection c) {
    try {
      c.session.onInput(c);
    } catch (IOException e) {
      LOG.debug("{} ended: {}", c.id(), e.toString());
      end(c);
      return;
    } catch (RuntimeException | Error e) {
      LOG.warn("{} failed unexpectedly; closing this connection", c.id(), e);
      try {
        c.write(handler.internalErrorReply());
        c.closeAfterReplies();
      } catch (RuntimeException | Error again) {
        endAfterFailure(c);
        return;
      }
    }
    afterInput(c);
  }

  private void afterInput(LoopConnection c) {
    if (c.continuation() != null && !c.closing()) {
      c.key.cancel(); // the channel can turn blocking once the next select has deregistered it
      onLoop.remove(c);
      handOffs.add(c);
      return;
    }
    send(c);
  }

  /** Sends the replies written so far; a client that does not read them is not read from until it does. */
  private void send(LoopConnection c) {
    try {
      if (!c.flush()) {
        c.key.interestOps(SelectionKey.OP_WRITE);
        return;
      }
    } catch (IOException e) {
      LOG.debug("{} ended: {}", c.id(), e.toString());
      end(c);
      return;
    }
    if (c.closing()) {
      end(c);
    } else if (c.key.isValid() && c.key.interestOps() != SelectionKey.OP_READ) {
      c.key.interestOps(SelectionKey.OP_READ);
    }
  }

  private void handOffPending() throws IOException {
    while (!handOffs.isEmpty()) {
      List<LoopConnection> batch = new ArrayList<>(handOffs);
      handOffs.clear();
      selector.selectNow(this::ready); // deregisters the batch's cancelled keys
      for (LoopConnection c : batch) {
        try {
          c.channel().configureBlocking(true);
        } catch (IOException | RuntimeException | Error e) {
          LOG.debug("{} ended: {}", c.id(), e.toString());
          c.session.ended();
          slots.release();
          c.close();
          continue;
        }
        threads.continueFromLoop(c);
      }
    }
  }

  /** Ends a loop session: its transcript first, then the slot (a client that sees the close may connect again at once), then the socket. */
  private void end(LoopConnection c) {
    if (!onLoop.remove(c)) {
      return;
    }
    c.key.cancel();
    try {
      c.session.ended();
    } catch (RuntimeException e) {
      LOG.warn("{} failed to end cleanly", c.id(), e);
    }
    slots.release();
    c.close();
  }

  private void closeExpired(long now) {
    List<LoopConnection> expired = new ArrayList<>();
    for (LoopConnection c : onLoop) {
      if (c.expired(now)) {
        expired.add(c);
      }
    }
    for (LoopConnection c : expired) {
      LOG.debug("{} timed out", c.id());
      end(c);
    }
  }

  /** Closes the port and idle sessions; the rest get until the stop deadline. True once none is left. */
  private boolean stopOnLoop(long now) {
    closeServer();
    boolean pastDeadline = now - stopDeadline >= 0;
    for (LoopConnection c : new ArrayList<>(onLoop)) {
      if (pastDeadline || c.waitingForCommand()) {
        end(c);
      }
    }
    return onLoop.isEmpty() && handOffs.isEmpty();
  }

  private void closeServer() {
    serverKey.cancel();
    SocketListener.closeQuietly(server);
  }

  // ---- other threads ----

  /**
   * Stops accepting and closes sessions that wait for a command at once; the rest get until
   * {@code deadline} (a {@link System#nanoTime()}), when the loop closes them, closes the port and ends.
   */
  void stop(long deadline) {
    stopDeadline = deadline;
    stopping = true;
    selector.wakeup();
  }

  /** Waits until the loop has ended, a second past the stop deadline at most; not when called on the loop itself. */
  void join(long deadline) throws InterruptedException {
    if (Thread.currentThread() != thread) { // the loop ends by the deadline too, closing the port
      thread.join(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L) + 1000);
    }
  }
}
