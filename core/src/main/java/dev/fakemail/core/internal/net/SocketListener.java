package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A bound port and its accept loop: one thread per connection, a connection limit (excess
 * connections get the protocol's busy reply and are closed), idle timeouts and a graceful stop.
 * Protocol code only sees {@link Connection}.
 */
public final class SocketListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);
  private static final int BACKLOG = 1024;
  private static final AtomicLong SESSION_IDS = new AtomicLong();

  private final Listener listener;
  private final ProtocolHandler handler;
  private final TlsMaterial tls;
  private final ServerSocket serverSocket;
  private final Semaphore slots;
  private final long idleTimeoutMillis;
  private final ExecutorService threads;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptThread;
  private volatile boolean stopping;

  /** Binds the port now (so the caller can read it back) and starts accepting. */
  public SocketListener(Listener listener, InetAddress bind, int port, ProtocolHandler handler, TlsMaterial tls,
                        int maxConnections, Duration idleTimeout) throws IOException {
    this.listener = listener;
    this.handler = handler;
    this.tls = tls;
    this.slots = new Semaphore(maxConnections);
    this.idleTimeoutMillis = Math.max(1, idleTimeout.toMillis());
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    try {
      serverSocket.bind(new InetSocketAddress(bind, port), BACKLOG);
    } catch (IOException e) {
      serverSocket.close();
      throw new IOException("cannot bind " + listener.id() + " to " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    this.threads = SessionThreads.create("fakemail-" + listener.id());
    this.acceptThread = new Thread(this::acceptLoop, "fakemail-" + listener.id() + "-accept");
    acceptThread.setDaemon(true);
    acceptThread.start();
  }

  public Listener listener() {
    return listener;
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  public InetAddress address() {
    return serverSocket.getInetAddress();
  }

  /** Connections open right now. */
  public int openConnections() {
    return open.size();
  }

  private void acceptLoop() {
    while (!stopping) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!stopping) {
          LOG.warn("{} accept failed: {}", listener.id(), e.toString());
          java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // e.g. out of file descriptors: don't spin
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        refuse(socket, handler.busyReply());
        continue;
      }
      try {
        threads.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        slots.release();
        refuse(socket, handler.busyReply());
      }
    }
  }

  private void refuse(Socket socket, String reply) {
    try (socket) {
      socket.setSoTimeout(1000);
      if (!listener.implicitTls()) {
        socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
      }
    } catch (IOException ignored) {
      // the client is gone: nothing to tell it
    }
    LOG.debug("{} refused a connection: at the connection limit", listener.id());
  }

  private void serve(Socket socket) {
    String id = listener.id() + "-" + SESSION_IDS.incrementAndGet();
    MDC.put("session", id);
    Connection c = null;
    try {
      dev.fakemail.core.Fault fault = handler.connectFault(listener, socket.getInetAddress().getHostAddress()).orElse(null);
      if (fault != null) {
        LOG.debug("{} fault rule {} fired at connect: {}", id, fault.id(), fault.describe());
        switch (fault.action()) {
          case DISCONNECT, TLS_FAIL -> {
            return; // closed before any greeting or handshake
          }
          case DELAY -> dev.fakemail.core.internal.fault.Pause.of(fault.delayMs());
          case REPLY -> { }
        }
      }
      Socket s = listener.implicitTls() ? tls.wrap(socket) : socket;
      c = new Connection(id, listener, s, tls, idleTimeoutMillis);
      if (fault != null && fault.action() == dev.fakemail.core.Fault.Action.REPLY) {
        c.connectFault(fault);
      }
      open.add(c);
      if (stopping) {
        c.write(handler.shutdownReply());
        c.flush();
        return;
      }
      handler.serve(c);
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
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    } finally {
      // Free the slot before closing: a client that sees the close may connect again at once and
      // must not be refused for a connection that is already gone.
      slots.release();
      if (c != null) {
        open.remove(c);
        c.close();
      } else {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      MDC.remove("session");
    }
  }

  /**
   * Stops accepting, closes connections that wait for a command at once, gives sessions in the
   * middle of a command (a DATA transfer) up to {@code grace} to finish, then closes the rest.
   */
  public void stop(Duration grace) {
    stopping = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    long deadline = System.nanoTime() + grace.toNanos();
    closeIdle();
    threads.shutdown();
    try {
      while (!open.isEmpty() && System.nanoTime() < deadline) {
        if (threads.awaitTermination(20, TimeUnit.MILLISECONDS)) {
          break;
        }
        closeIdle();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection c : open) {
      c.close();
    }
    threads.shutdownNow();
    try {
      acceptThread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void closeIdle() {
    for (Connection c : open) {
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
    return "SocketListener[" + listener.id() + " " + serverSocket.getLocalSocketAddress() + "]";
  }
}
