package dev.fakemail.core.internal.net;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.fault.Pause;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A listener's sessions on threads of their own ({@link SessionThreads}): POP3, IMAP, implicit TLS,
 * connections a CONNECT fault rule fired for, and event-loop sessions that must block for a while
 * (handed off by the {@link EventLoop}). A session's failure ends that session alone: it is logged,
 * the client gets the protocol's internal-error reply, and its connection slot is freed.
 */
final class ThreadedSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SocketListener.class);

  private final Listener listener;
  private final ProtocolHandler handler;
  private final TlsMaterial tls;
  private final Semaphore slots;
  private final long idleTimeoutMillis;
  private final ExecutorService threads;
  private final Set<Connection> onThreads = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  ThreadedSessions(Listener listener, ProtocolHandler handler, TlsMaterial tls, Semaphore slots, long idleTimeoutMillis) {
    this.listener = listener;
    this.handler = handler;
    this.tls = tls;
    this.slots = slots;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.threads = SessionThreads.create("fakemail-" + listener.id());
  }

  /** Serves a new connection on a thread, from its CONNECT fault rule (null when none fired) and TLS handshake on. */
  void start(String id, SocketChannel ch, Fault connectFault) {
    Socket socket = ch.socket();
    onThread(id, ch, () -> open(id, socket, connectFault), handler::serve);
  }

  /**
   * Goes on with a session from the event loop on a thread: what the loop had read and not used is
   * read first, the replies it had not sent go out, then the session's continuation runs. The
   * channel is blocking already.
   */
  void continueFromLoop(LoopConnection c) {
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
        case DELAY -> Pause.of(fault.delay().toMillis());
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
      SocketListener.closeQuietly(socket);
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
        SocketListener.closeQuietly(socket);
      }
      MDC.remove("session");
    }
  }

  /**
   * Closes sessions that wait for a command at once, gives those in the middle of a command until
   * {@code deadline} (a {@link System#nanoTime()}) to finish, then closes the rest. New sessions get
   * the shutdown reply.
   */
  void stop(long deadline) throws InterruptedException {
    stopping = true;
    closeIdle();
    threads.shutdown();
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
  }

  private void closeIdle() {
    for (Connection c : onThreads) {
      if (c.isWaitingForCommand()) {
        c.close();
      }
    }
  }
}
