package dev.fakemail.core.internal.net;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The reading side of a connection: one buffer, lines with a hard length limit, exact byte counts
 * (IMAP literals, BDAT chunks) and dot-terminated data (SMTP DATA, with dot-unstuffing). Memory use
 * is bounded by the limits given; bytes beyond a limit are read and dropped.
 *
 * <p>A line ends at CRLF. A bare LF also ends a command line (many clients and scripts send it),
 * but never ends DATA: in DATA only {@code CRLF . CRLF} does, so the SMTP smuggling sequences
 * ({@code LF . LF}, {@code LF . CRLF}, {@code CRLF . LF}, {@code CR . CR}) stay content.
 */
public final class ConnectionInput {
  static final int BUFFER = 16 * 1024;

  private InputStream in;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private final Deadline deadline;

  /** Bounds the time one line may take, whatever the pace of its bytes (slow-drip clients). */
  interface Deadline {
    void beforeRead() throws IOException;
  }

  ConnectionInput(InputStream in, Deadline deadline) {
    this.in = in;
    this.deadline = deadline;
  }

  /** Switches to a new stream (after a TLS handshake) and drops whatever was buffered. */
  void replace(InputStream newIn) {
    this.in = newIn;
    this.pos = 0;
    this.limit = 0;
  }

  /** Starts with octets an event loop already read from the socket (a connection handed to a thread). */
  void prefill(byte[] bytes, int off, int len) {
    if (len > buf.length) {
      throw new IllegalArgumentException(len + " octets do not fit the " + buf.length + "-octet buffer");
    }
    System.arraycopy(bytes, off, buf, 0, len);
    pos = 0;
    limit = len;
  }

  /** Bytes already read from the socket and not yet consumed (pipelined input). */
  public int buffered() {
    return limit - pos;
  }

  /** Drops buffered input (used before a TLS handshake, so nothing sent in plaintext runs after it). */
  public int discardBuffered() {
    int n = limit - pos;
    pos = limit;
    return n;
  }

  private boolean fill() throws IOException {
    deadline.beforeRead();
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (SocketTimeoutException e) {
      throw new IdleTimeoutException();
    }
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /**
   * Reads one line and decodes it as UTF-8, without its line end. Returns null at end of stream.
   *
   * @throws LineTooLongException when it has more than {@code maxLength} octets; the rest of the line
   *     is consumed
   */
  public String readLine(int maxLength) throws IOException {
    byte[] line = null;
    int len = 0;
    boolean tooLong = false;
    while (true) {
      if (pos >= limit && !fill()) {
        if (len == 0 && !tooLong) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a line");
      }
      int start = pos;
      int end = indexOfLf(buf, pos, limit);
      int chunkEnd = end < 0 ? limit : end;
      int chunk = chunkEnd - start;
      if (!tooLong) {
        if (len + chunk > maxLength + 1) { // +1: a CR that belongs to the line end
          tooLong = true;
          line = null;
        } else {
          if (line == null) {
            if (end >= 0) { // common case: the whole line is in the buffer
              pos = end + 1;
              return decodeLine(buf, start, end, maxLength);
            }
            line = new byte[Math.min(Math.max(64, chunk * 2), maxLength + 1)];
          }
          if (len + chunk > line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(maxLength + 1, Math.max(line.length * 2, len + chunk)));
          }
          System.arraycopy(buf, start, line, len, chunk);
          len += chunk;
        }
      }
      if (end >= 0) {
        pos = end + 1;
        if (tooLong) {
          throw new LineTooLongException(maxLength);
        }
        return decodeLine(line, 0, len, maxLength);
      }
      pos = limit;
    }
  }

  /** The index of the first LF in {@code b[from, to)}, or -1. */
  static int indexOfLf(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The line in {@code b[start, end)}, where {@code end} is its LF, without the CR before it,
   * decoded as UTF-8: the line rules of both the blocking reader and the event loop. A line that is
   * not valid UTF-8 is read as Latin-1, octet for character, so that no octet is lost (Angus Mail,
   * once UTF8=ACCEPT is enabled, sends IMAP search text as Latin-1 octets).
   */
  static String decodeLine(byte[] b, int start, int end, int maxLength) throws LineTooLongException {
    int n = end > start && b[end - 1] == '\r' ? end - 1 - start : end - start;
    if (n > maxLength) {
      throw new LineTooLongException(maxLength);
    }
    for (int i = start; i < start + n; i++) {
      if (b[i] < 0) {
        return decodeNonAscii(b, start, n);
      }
    }
    return new String(b, start, n, StandardCharsets.ISO_8859_1); // ASCII
  }

  private static String decodeNonAscii(byte[] b, int start, int n) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b, start, n)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(b, start, n, StandardCharsets.ISO_8859_1);
    }
  }

  /** Reads exactly {@code count} octets into {@code out}. */
  public void readExactly(long count, OutputStream out) throws IOException {
    long left = count;
    while (left > 0) {
      if (pos >= limit && !fill()) {
        throw new EOFException("connection closed with " + left + " of " + count + " octets unread");
      }
      int n = (int) Math.min(left, limit - pos);
      out.write(buf, pos, n);
      pos += n;
      left -= n;
    }
  }

  /** Reads and drops exactly {@code count} octets. */
  public void skipExactly(long count) throws IOException {
    readExactly(count, OutputStream.nullOutputStream());
  }

  /**
   * Reads SMTP DATA up to and including {@code CRLF . CRLF}, removing the leading dot of stuffed
   * lines (RFC 5321 §4.5.2); see {@link DotTerminatedReader}. The content, ending with its last CRLF,
   * goes to {@code out} until {@code maxBytes} have been written; the rest is read and dropped.
   *
   * @return the size of the whole content, which may be more than was written
   */
  public long readDotTerminated(OutputStream out, long maxBytes) throws IOException {
    DotTerminatedReader data = new DotTerminatedReader(out, maxBytes);
    while (!data.done()) {
      if (pos >= limit && !fill()) {
        throw new EOFException("connection closed before the end of data");
      }
      pos += data.feed(buf, pos, limit - pos);
    }
    return data.total();
  }

  /** Thrown when no octet arrived within the idle timeout or a line took longer than allowed. */
  public static final class IdleTimeoutException extends IOException {
    public IdleTimeoutException() {
      super("idle timeout", null);
      setStackTrace(new StackTraceElement[0]);
    }
  }
}
