package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One client connection, as the protocols see it: lines and bytes in, replies out, TLS in place.
 * Used by one session thread; {@link #close()} may also come from the stopping server.
 */
public final class Connection implements Closeable, ClientConnection {
  private final String id;
  private final Listener listener;
  private final InetSocketAddress remote;
  private final TlsMaterial tls;
  private final long idleTimeoutMillis;
  private final Instant openedAt = Instant.now();
  private Socket socket;
  private final ConnectionInput input;
  private OutputStream output;
  private volatile boolean waitingForCommand;
  private volatile boolean closed;
  private long lineDeadline;
  private long lineTimeoutMillis;
  private String tlsProtocol = "";
  private String tlsCipher = "";
  private dev.fakemail.core.Fault connectFault;

  Connection(String id, Listener listener, Socket socket, TlsMaterial tls, long idleTimeoutMillis) throws IOException {
    this.id = id;
    this.listener = listener;
    this.socket = socket;
    this.tls = tls;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) idleTimeoutMillis);
    this.input = new ConnectionInput(socket.getInputStream(), this::beforeRead);
    this.output = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    if (socket instanceof SSLSocket ssl) {
      handshake(ssl);
    }
  }

  private void beforeRead() throws IOException {
    if (closed) {
      throw new java.net.SocketException("connection closed");
    }
    if (lineDeadline > 0) {
      long left = lineDeadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new ConnectionInput.IdleTimeoutException();
      }
      socket.setSoTimeout((int) Math.min(left, lineTimeoutMillis));
    }
  }

  public String id() {
    return id;
  }

  public Listener listener() {
    return listener;
  }

  public InetSocketAddress remote() {
    return remote;
  }

  /** The client's IP address as text. */
  public String clientAddress() {
    return remote.getAddress().getHostAddress();
  }

  public InetSocketAddress local() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public Instant openedAt() {
    return openedAt;
  }

  public boolean isTls() {
    return !tlsProtocol.isEmpty();
  }

  public String tlsProtocol() {
    return tlsProtocol;
  }

  public String tlsCipher() {
    return tlsCipher;
  }

  public boolean tlsAvailable() {
    return tls != null;
  }

  /** A REPLY fault rule that fired at the CONNECT stage: the protocol sends it instead of its greeting, then closes. */
  public java.util.Optional<dev.fakemail.core.Fault> connectFault() {
    return java.util.Optional.ofNullable(connectFault);
  }

  void connectFault(dev.fakemail.core.Fault fault) {
    this.connectFault = fault;
  }

  public ConnectionInput input() {
    return input;
  }

  /**
   * Reads the next command line. The whole line must arrive within the idle timeout, however
   * slowly its octets drip in. While waiting, the connection counts as idle for a graceful stop.
   */
  public String readCommandLine(int maxLength) throws IOException {
    waitingForCommand = input.buffered() == 0;
    lineTimeoutMillis = idleTimeoutMillis;
    lineDeadline = System.currentTimeMillis() + idleTimeoutMillis;
    try {
      return input.readLine(maxLength);
    } finally {
      waitingForCommand = false;
      lineDeadline = 0;
      socket.setSoTimeout((int) idleTimeoutMillis);
    }
  }

  /** Reads a continuation line (AUTH response, IMAP literal line) under the same per-line deadline. */
  public String readLine(int maxLength) throws IOException {
    return readLine(maxLength, idleTimeoutMillis);
  }

  /**
   * Reads a line that may take {@code timeout} (or the idle timeout, if longer) to arrive, for a
   * client that is allowed to stay silent longer than others (IMAP IDLE, RFC 2177). While waiting,
   * the connection counts as idle for a graceful stop, as it does between commands.
   */
  public String readLine(int maxLength, java.time.Duration timeout) throws IOException {
    waitingForCommand = input.buffered() == 0;
    try {
      return readLine(maxLength, Math.max(idleTimeoutMillis, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } finally {
      waitingForCommand = false;
    }
  }

  private String readLine(int maxLength, long timeoutMillis) throws IOException {
    lineTimeoutMillis = timeoutMillis;
    lineDeadline = System.currentTimeMillis() + timeoutMillis;
    try {
      return input.readLine(maxLength);
    } finally {
      lineDeadline = 0;
      socket.setSoTimeout((int) idleTimeoutMillis);
    }
  }

  boolean isWaitingForCommand() {
    return waitingForCommand;
  }

  /** Writes text as UTF-8 into the output buffer; nothing is sent until {@link #flush()}. */
  public void write(String text) throws IOException {
    output.write(text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(byte[] bytes, int off, int len) throws IOException {
    output.write(bytes, off, len);
  }

  public OutputStream output() {
    return output;
  }

  public void flush() throws IOException {
    output.flush();
  }

  /**
   * Flushes unless more pipelined input is already buffered (RFC 2920: replies to a group of
   * pipelined commands may go out together).
   */
  public void flushIfNoPipelinedInput() throws IOException {
    if (input.buffered() == 0) {
      output.flush();
    }
  }

  /**
   * Upgrades this connection to TLS in place (STARTTLS, STLS). Anything the client pipelined behind
   * the command in plaintext is discarded, never read as a command after the handshake.
   *
   * @return the number of plaintext octets discarded
   */
  public int startTls() throws IOException {
    if (tls == null) {
      throw new IllegalStateException("TLS is not configured");
    }
    if (isTls()) {
      throw new IllegalStateException("TLS is already active");
    }
    output.flush();
    int discarded = input.discardBuffered();
    SSLSocket ssl = tls.wrap(socket);
    socket = ssl;
    socket.setSoTimeout((int) idleTimeoutMillis);
    handshake(ssl);
    input.replace(ssl.getInputStream());
    output = new BufferedOutputStream(ssl.getOutputStream(), 16 * 1024);
    return discarded;
  }

  private void handshake(SSLSocket ssl) throws IOException {
    ssl.startHandshake();
    SSLSession session = ssl.getSession();
    tlsProtocol = session.getProtocol();
    tlsCipher = session.getCipherSuite();
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return "Connection[" + id + " " + listener.id() + " " + remote + "]";
  }
}
