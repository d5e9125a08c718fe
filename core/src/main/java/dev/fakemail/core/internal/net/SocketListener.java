package dev.fakemail.core.internal.net;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.fault.Pause;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A bound port and its event loop: one thread accepts connections and serves those whose protocol
 * can run on the loop ({@link ProtocolHandler#openOnLoop}) without a thread of their own; the
 * others, and loop sessions that must block for a while (a TLS handshake, a fault's delay), get a
 * thread each. A connection limit (excess connections get the protocol's busy reply and are
 * closed), idle timeouts and a graceful stop apply to both. Protocol code only sees
 * {@link Connection} and {@link LoopConnection}.
 *
 * <p>Why a loop: a mail client that does not pipeline waits for every reply, so a session on a
 * thread of its own blocks and wakes several times per message. On the 2-core build machine those
 * context switches cost more than the protocol work (smtp-source, 16 clients, 1 KiB messages:
 * 8.7 switches and 0.27 ms of CPU per message on threads); one loop serves every connection that
 * is ready per wake-up.
 */
public final class SocketListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);
  private static final int BACKLOG = 1024;
  private static final long ACCEPT_RETRY_NANOS = 10_000_000L;
  /** The longest pause between accept attempts while they fail (out of file descriptors). */
  private static final long MAX_ACCEPT_RETRY_NANOS = 1_000_000_000L;
  private static final long ACCEPT_WARNING_INTERVAL_NANOS = 60_000_000_000L;
  /** The pause after an unexpected failure in the loop's own work, so that a lasting one cannot spin. */
  private static final long FAILURE_PAUSE_NANOS = 10_000_000L;
  private static final AtomicLong SESSION_IDS = new AtomicLong();

  static {
    // The JDK initializes the class that closes sockets (sun.nio.ch.FileDispatcherImpl) on the first
    // close, and that needs a spare file descriptor: if the first close comes when the process is out
    // of them (EMFILE), the class fails to initialize and no socket can ever be closed again. Close
    // one now, while descriptors are free.
    try {
      SocketChannel.open().close();
    } catch (IOException e) {
      LoggerFactory.getLogger(SocketListener.class).debug("could not open and close a socket at start-up: {}", e.toString());
    }
  }

  private final Listener listener;
  private final ProtocolHandler handler;
  private final TlsMaterial tls;
  private final ServerSocketChannel server;
  private final InetAddress address;
  private final int port;
  private final Selector selector;
  private final SelectionKey serverKey;
  private final int maxConnections;
  private final Semaphore slots;
  private final long idleTimeoutMillis;
  private final long sweepNanos;
  private final ExecutorService threads;
  private final Set<Connection> onThreads = ConcurrentHashMap.newKeySet();
  private final Set<LoopConnection> onLoop = new HashSet<>(); // the loop thread's alone
  private final List<LoopConnection> handOffs = new ArrayList<>();
  private final Thread loopThread;
  private long acceptRetryAt;
  private long acceptRetryNanos = ACCEPT_RETRY_NANOS;
  private long acceptFailures; // in the current run of failing accepts
  private long lastAcceptWarning; // nanoTime of the last warning, 0 before the first
  private boolean acceptWarned; // the current run of failures was warned about
  private volatile long failedAccepts; // ever (the loop thread alone writes it)
  private volatile Throwable failure; // why the loop died, when it did without a stop
  private volatile Error injected; // failLoopForTest
  private volatile boolean stopping;
  private volatile long stopDeadline;

  /** Binds the port now (so the caller can read it back) and starts accepting. */
  public SocketListener(Listener listener, InetAddress bind, int port, ProtocolHandler handler, TlsMaterial tls,
                        int maxConnections, Duration idleTimeout) throws IOException {
    this.listener = listener;
    this.handler = handler;
    this.tls = tls;
    this.maxConnections = maxConnections;
    this.slots = new Semaphore(maxConnections);
    this.idleTimeoutMillis = Math.max(1, idleTimeout.toMillis());
    this.sweepNanos = Math.max(5, Math.min(1000, idleTimeoutMillis / 10)) * 1_000_000L;
    this.server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(bind, port), BACKLOG);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot bind " + listener.id() + " to " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
    this.address = local.getAddress();
    this.port = local.getPort();
    try {
      server.configureBlocking(false);
      this.selector = Selector.open();
      this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    this.threads = SessionThreads.create("fakemail-" + listener.id());
    this.loopThread = new Thread(this::loop, "fakemail-" + listener.id() + "-loop");
    loopThread.setDaemon(true);
    loopThread.start();
  }

  public Listener listener() {
    return listener;
  }

  public int port() {
    return port;
  }

  public InetAddress address() {
    return address;
  }

  /**
   * Whether the listener accepts and serves: false once its event loop has died (not by a stop).
   * A session's failure never kills it; only a broken selector, or {@link #failLoopForTest}, does.
   */
  public boolean isServing() {
    return failure == null;
  }

  /** Why the loop died; null while it serves. */
  public Throwable failure() {
    return failure;
  }

  /** Test hook: makes the event loop die of {@code error} as if its own machinery had failed. */
  public void failLoopForTest(Error error) {
    injected = error;
    selector.wakeup();
  }

  /** Accept attempts that failed since the start (out of file descriptors, for instance). */
  public long failedAccepts() {
    return failedAccepts;
  }

  /** Connections open right now, on the loop and on threads. */
  public int openConnections() {
    return maxConnections - slots.availablePermits();
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
      closeQuietly(c.channel());
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
      start(ch);
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

  /** Starts a session on the loop, or on a thread when a fault rule fired, TLS comes first or the protocol wants one. */
  private void start(SocketChannel ch) {
    String id = listener.id() + "-" + SESSION_IDS.incrementAndGet();
    Fault fault = null;
    try {
      String client = ((InetSocketAddress) ch.getRemoteAddress()).getAddress().getHostAddress();
      fault = handler.connectFault(listener, client).orElse(null);
      if (fault == null && !listener.implicitTls()) {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        LoopConnection c = new LoopConnection(id, listener, ch, tls != null, idleTimeoutMillis * 1_000_000L);
        LoopSession session = handler.openOnLoop(c);
        if (session != null) {
          c.session = session;
          c.key = ch.register(selector, SelectionKey.OP_READ, c);
          onLoop.add(c);
          afterInput(c); // sends the greeting
          return;
        }
        ch.configureBlocking(true);
      }
    } catch (IOException | RuntimeException | Error e) {
      LOG.debug("{} could not start: {}", id, e.toString());
      slots.release();
      closeQuietly(ch);
      return;
    }
    Fault connectFault = fault;
    Socket socket = ch.socket();
    onThread(id, ch, () -> open(id, socket, connectFault), handler::serve);
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
        Socket socket = c.channel().socket();
        onThread(c.id(), c.channel(), () -> {
          Connection conn = new Connection(c.id(), listener, socket, tls, idleTimeoutMillis);
          conn.input().prefill(c.inputBuffer(), c.inputPosition(), c.buffered());
          byte[] replies = c.unsentReplies();
          conn.write(replies, 0, replies.length);
          conn.flush();
          return conn;
        }, c.continuation()::run, c.session::ended);
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
    closeQuietly(server);
  }

  // ---- sessions on threads ----

  @FunctionalInterface
  private interface Opener {
    /** The connection, or null when it is to be closed without a session. */
    Connection open() throws IOException;
  }

  private Connection open(String id, Socket socket, Fault fault) throws IOException {
    if (fault != null) {
      LOG.debug("{} fault rule {} fired at connect: {}", id, fault.id(), fault.describe());
      switch (fault.action()) {
        case DISCONNECT, TLS_FAIL -> {
          return null; // closed before any greeting or handshake
        }
        case DELAY -> Pause.of(fault.delayMs());
        case REPLY -> { }
      }
    }
    Socket s = listener.implicitTls() ? tls.wrap(socket) : socket;
    Connection c = new Connection(id, listener, s, tls, idleTimeoutMillis);
    if (fault != null && fault.action() == Fault.Action.REPLY) {
      c.connectFault(fault);
    }
    if (stopping) {
      c.write(handler.shutdownReply());
      c.flush();
      c.close();
      return null;
    }
    return c;
  }

  private void onThread(String id, Closeable socket, Opener opener, LoopConnection.Continuation body) {
    onThread(id, socket, opener, body, () -> { });
  }

  /** Runs a session on a thread of its own; {@code notRun} is called if the session never starts. */
  private void onThread(String id, Closeable socket, Opener opener, LoopConnection.Continuation body, Runnable notRun) {
    try {
      threads.execute(() -> serve(id, socket, opener, body, notRun));
    } catch (RejectedExecutionException | Error e) { // stopping, or no thread to be had (OutOfMemoryError)
      if (!(e instanceof RejectedExecutionException)) {
        LOG.warn("{} no thread for this session; closing it: {}", id, e.toString());
      }
      try {
        notRun.run();
      } catch (RuntimeException | Error ignored) {
        // the slot and the socket go anyway
      }
      slots.release();
      closeQuietly(socket);
    }
  }

  private void serve(String id, Closeable socket, Opener opener, LoopConnection.Continuation body, Runnable notRun) {
    MDC.put("session", id);
    Connection c = null;
    boolean ran = false;
    try {
      c = opener.open();
      if (c != null) {
        onThreads.add(c);
        ran = true;
        body.run(c);
      }
    } catch (SSLException e) {
      LOG.debug("{} TLS failed: {}", id, e.getMessage());
    } catch (ConnectionInput.IdleTimeoutException e) {
      LOG.debug("{} timed out", id);
    } catch (IOException e) {
      LOG.debug("{} ended: {}", id, e.toString());
    } catch (RuntimeException | Error e) {
      LOG.warn("{} failed unexpectedly; closing this connection", id, e);
      if (c != null && !c.isClosed()) {
        try {
          c.write(handler.internalErrorReply());
          c.flush();
        } catch (IOException | RuntimeException | Error ignored) {
          // closing anyway
        }
      }
    } finally {
      if (!ran) {
        notRun.run();
      }
      // Free the slot before closing: a client that sees the close may connect again at once and
      // must not be refused for a connection that is already gone.
      slots.release();
      if (c != null) {
        onThreads.remove(c);
        c.close();
      } else {
        closeQuietly(socket);
      }
      MDC.remove("session");
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /**
   * Stops accepting, closes connections that wait for a command at once, gives sessions in the
   * middle of a command (a DATA transfer) up to {@code grace} to finish, then closes the rest.
   */
  public void stop(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    stopDeadline = deadline;
    stopping = true;
    selector.wakeup();
    closeIdle();
    threads.shutdown();
    try {
      while (!onThreads.isEmpty() && System.nanoTime() - deadline < 0) {
        if (threads.awaitTermination(10, TimeUnit.MILLISECONDS)) {
          break;
        }
        closeIdle();
      }
      for (Connection c : onThreads) {
        c.close();
      }
      threads.shutdownNow();
      if (Thread.currentThread() != loopThread) { // the loop ends by the deadline too, closing the port
        loopThread.join(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L) + 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeIdle() {
    for (Connection c : onThreads) {
      if (c.isWaitingForCommand()) {
        c.close();
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }

  @Override
  public String toString() {
    return "SocketListener[" + listener.id() + " " + address.getHostAddress() + ":" + port + "]";
  }
}
