package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Listener;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What a command may do on the wire beyond returning its final reply: send an intermediate reply
 * (354, 334), read a continuation line, read message data, start TLS. The server implements it on
 * a connection; unit tests implement it with scripted input.
 */
public interface SmtpExchange {
  /** Sends an intermediate reply at once (flushed). */
  void send(SmtpReply reply) throws IOException;

  /** Reads one line (AUTH continuation); null at end of stream. */
  String readLine(int maxLength) throws IOException;

  /** Reads DATA through CRLF.CRLF, dot-unstuffed; writes up to {@code maxBytes}; returns the full size. */
  long readData(OutputStream out, long maxBytes) throws IOException;

  /** Reads a BDAT chunk of exactly {@code size} octets. */
  void readChunk(long size, OutputStream out) throws IOException;

  /** Sends the reply, then performs the TLS handshake; returns plaintext octets discarded. */
  int startTls(SmtpReply ready) throws IOException;

  boolean tlsAvailable();

  boolean isTls();

  String tlsProtocol();

  String tlsCipher();

  String clientAddress();

  Listener listener();

  String sessionId();
}
