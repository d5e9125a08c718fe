package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client connection served by a listener's event loop, as the protocol sees it: complete lines
 * and DATA from what has arrived so far, replies buffered until the loop sends them (all replies
 * to one batch of pipelined input go out together), and a way to continue on a thread. Used by the
 * loop thread only.
 */
public final class LoopConnection implements ClientConnection {
  /** What a session does on the thread it is handed to; the connection's earlier replies are already sent. */
  @FunctionalInterface
  public interface Continuation {
    void run(Connection connection) throws IOException;
  }

  private final String id;
  private final Listener listener;
  private final SocketChannel channel;
  private final InetSocketAddress remote;
  private final boolean tlsAvailable;
  private final long idleNanos;
  private final byte[] in = new byte[ConnectionInput.BUFFER];
  private int pos;
  private int limit;
  private boolean skippingLongLine;
  private byte[] out = new byte[512];
  private int outStart;
  private int outEnd;
  private long deadline;
  private boolean closeAfterReplies;
  private Continuation handOff;
  SelectionKey key;
  LoopSession session;

  LoopConnection(String id, Listener listener, SocketChannel channel, boolean tlsAvailable, long idleNanos)
      throws IOException {
    this.id = id;
    this.listener = listener;
    this.channel = channel;
    this.remote = (InetSocketAddress) channel.getRemoteAddress();
    this.tlsAvailable = tlsAvailable;
    this.idleNanos = idleNanos;
    this.deadline = System.nanoTime() + idleNanos;
  }

  public String id() {
    return id;
  }

  public Listener listener() {
    return listener;
  }

  /** The client's IP address as text. */
  public String clientAddress() {
    return remote.getAddress().getHostAddress();
  }

  @Override
  public boolean tlsAvailable() {
    return tlsAvailable;
  }

  /** TLS never runs on the loop: a session moves to a thread to start it. */
  @Override
  public boolean isTls() {
    return false;
  }

  @Override
  public String tlsProtocol() {
    return "";
  }

  @Override
  public String tlsCipher() {
    return "";
  }

  /** Octets that arrived and are not consumed yet. */
  public int buffered() {
    return limit - pos;
  }

  /**
   * The next complete line, decoded as UTF-8 without its line end (CRLF, or a bare LF as in
   * {@link ConnectionInput#readLine}); null while the line is not complete. Each line the client
   * sends must arrive within the idle timeout after the previous one, however slowly it drips in.
   *
   * @throws LineTooLongException once a line of more than {@code maxLength} octets has been consumed
   */
  public String readLine(int maxLength) throws LineTooLongException {
    int lf = ConnectionInput.indexOfLf(in, pos, limit);
    if (lf < 0) {
      if (skippingLongLine || limit - pos > maxLength + 1) { // +1: a CR that belongs to the line end
        skippingLongLine = true;
        pos = limit;
      }
      return null;
    }
    int start = pos;
    pos = lf + 1;
    deadline = System.nanoTime() + idleNanos;
    if (skippingLongLine) {
      skippingLongLine = false;
      throw new LineTooLongException(maxLength);
    }
    return ConnectionInput.decodeLine(in, start, lf, maxLength);
  }

  /** Feeds what arrived to DATA; true once its terminator has been read. */
  public boolean readData(DotTerminatedReader data) throws IOException {
    pos += data.feed(in, pos, limit - pos);
    return data.done();
  }

  /** Adds a reply to those the loop sends once this batch of input is handled. */
  public void write(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (outEnd + b.length > out.length) {
      if (outStart > 0) {
        System.arraycopy(out, outStart, out, 0, outEnd - outStart);
        outEnd -= outStart;
        outStart = 0;
      }
      if (outEnd + b.length > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, outEnd + b.length));
      }
    }
    System.arraycopy(b, 0, out, outEnd, b.length);
    outEnd += b.length;
  }

  /** Closes the connection once the replies written so far are sent; no more input is handled. */
  public void closeAfterReplies() {
    closeAfterReplies = true;
  }

  /**
   * Continues the session on a thread of its own, with blocking I/O on the same socket: the loop
   * sends the replies written so far, and the connection's unread input stays readable there. The
   * session must return from {@link LoopSession#onInput} at once and not touch this object again.
   */
  public void handOff(Continuation continuation) {
    this.handOff = continuation;
  }

  // ---- for the loop ----

  SocketChannel channel() {
    return channel;
  }

  Continuation continuation() {
    return handOff;
  }

  boolean closing() {
    return closeAfterReplies;
  }

  boolean expired(long now) {
    return now - deadline > 0;
  }

  boolean waitingForCommand() {
    return buffered() == 0 && session.waitingForCommand();
  }

  /** Reads what the socket has; -1 at end of stream. The data phase keeps the connection alive while octets flow. */
  int fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(in, pos, in, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    int n = channel.read(ByteBuffer.wrap(in, limit, in.length - limit));
    if (n > 0) {
      limit += n;
      if (session.waitingForCommand()) {
        return n; // a command line must be complete within the idle timeout after the previous one
      }
      deadline = System.nanoTime() + idleNanos;
    }
    return n;
  }

  /** Sends buffered replies; true when all of them went out. */
  boolean flush() throws IOException {
    if (outEnd > outStart) {
      outStart += channel.write(ByteBuffer.wrap(out, outStart, outEnd - outStart));
      if (outStart < outEnd) {
        return false;
      }
    }
    outStart = 0;
    outEnd = 0;
    return true;
  }

  /** Replies not sent yet (handed to the thread with the connection). */
  byte[] unsentReplies() {
    return Arrays.copyOfRange(out, outStart, outEnd);
  }

  byte[] inputBuffer() {
    return in;
  }

  int inputPosition() {
    return pos;
  }

  void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public String toString() {
    return "LoopConnection[" + id + " " + listener.id() + " " + remote + "]";
  }
}
