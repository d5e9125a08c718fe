package dev.fakemail.core.internal.net;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound port: its {@link EventLoop} accepts connections and serves those whose protocol can run
 * on the loop ({@link ProtocolHandler#openOnLoop}) without a thread of their own; the others, and
 * loop sessions that must block for a while (a TLS handshake, a fault's delay), are
 * {@link ThreadedSessions} with a thread each. This class binds the port, chooses between the two
 * for each new connection, and stops both. A connection limit (excess connections get the
 * protocol's busy reply and are closed), idle timeouts and a graceful stop apply to both. Protocol
 * code only sees {@link Connection} and {@link LoopConnection}.
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
  private final InetAddress address;
  private final int port;
  private final int maxConnections;
  private final Semaphore slots;
  private final ThreadedSessions threads;
  private final EventLoop loop;

  /** Binds the port now (so the caller can read it back) and starts accepting. */
  public SocketListener(Listener listener, InetAddress bind, int port, ProtocolHandler handler, TlsMaterial tls,
                        int maxConnections, Duration idleTimeout) throws IOException {
    this.listener = listener;
    this.handler = handler;
    this.maxConnections = maxConnections;
    this.slots = new Semaphore(maxConnections);
    long idleTimeoutMillis = Math.max(1, idleTimeout.toMillis());
    ServerSocketChannel server = ServerSocketChannel.open();
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
    this.threads = new ThreadedSessions(listener, handler, tls, slots, idleTimeoutMillis);
    try {
      server.configureBlocking(false);
      this.loop = new EventLoop(listener, handler, tls != null, server, slots, idleTimeoutMillis, threads, this::start);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    loop.start();
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
    return loop.failure() == null;
  }

  /** Why the loop died; null while it serves. */
  public Throwable failure() {
    return loop.failure();
  }

  /** Test hook: makes the event loop die of {@code error} as if its own machinery had failed. */
  public void failLoopForTest(Error error) {
    loop.fail(error);
  }

  /** Accept attempts that failed since the start (out of file descriptors, for instance). */
  public long failedAccepts() {
    return loop.failedAccepts();
  }

  /** Connections open right now, on the loop and on threads. */
  public int openConnections() {
    return maxConnections - slots.availablePermits();
  }

  /**
   * Starts a session for an accepted connection that holds a slot (on the loop thread): on the
   * loop, or on a thread when a fault rule fired, TLS comes first or the protocol wants one.
   */
  private void start(SocketChannel ch) {
    String id = listener.id() + "-" + SESSION_IDS.incrementAndGet();
    Fault fault = null;
    try {
      String client = ((InetSocketAddress) ch.getRemoteAddress()).getAddress().getHostAddress();
      fault = handler.connectFault(listener, client).orElse(null);
      if (fault == null && !listener.implicitTls() && loop.startOnLoop(id, ch)) {
        return;
      }
    } catch (IOException | RuntimeException | Error e) {
      LOG.debug("{} could not start: {}", id, e.toString());
      slots.release();
      closeQuietly(ch);
      return;
    }
    threads.start(id, ch, fault);
  }

  static void closeQuietly(Closeable c) {
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
    loop.stop(deadline);
    try {
      threads.stop(deadline);
      loop.join(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
