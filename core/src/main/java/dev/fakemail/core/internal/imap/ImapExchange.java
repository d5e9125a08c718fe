package dev.fakemail.core.internal.imap;

import java.io.IOException;
import java.time.Duration;

/**
 * What IMAP commands may do on the wire beyond returning their completion: write untagged data and
 * continuation requests (buffered until a flush), read a continuation line (AUTHENTICATE) or the
 * line that ends IDLE, start TLS, and the facts about the connection. The server implements it on
 * a connection; unit tests implement it with scripted input and captured output. The session keeps
 * the transcript; the exchange only moves octets.
 */
interface ImapExchange {
  /** Writes octets into the output buffer; nothing is sent until {@link #flush()}. */
  void write(byte[] bytes) throws IOException;

  /** Writes {@code len} octets of an array the caller reuses (LIST's lines); this copy is for exchanges that keep what they get. */
  default void write(byte[] bytes, int off, int len) throws IOException {
    write(java.util.Arrays.copyOfRange(bytes, off, off + len));
  }

  void flush() throws IOException;

  /** Reads a continuation line under the idle timeout; null at end of stream. */
  String readLine(int maxLength) throws IOException;

  /**
   * Reads a line that may take {@code timeout} to arrive (IDLE, RFC 2177); null at end of stream. It
   * is called on a helper thread while the session thread writes updates.
   */
  String readLine(int maxLength, Duration timeout) throws IOException;

  /** Flushes, then performs the TLS handshake; returns the plaintext octets discarded. */
  int startTls() throws IOException;

  boolean tlsAvailable();

  boolean isTls();

  String tlsProtocol();

  String tlsCipher();

  /** The listener id ({@code imap}, {@code imaps}), for fault rules. */
  String listenerId();

  String clientAddress();

  /** The session id, for logs and thread names. */
  String sessionId();

  /** Closes the connection at once (a session thread interrupted during IDLE). */
  void close();
}
