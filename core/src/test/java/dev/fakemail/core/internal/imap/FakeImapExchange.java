package dev.fakemail.core.internal.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ImapExchange} without a socket: what the session writes is captured as text, the lines a
 * command reads (AUTHENTICATE's response, IDLE's DONE) are scripted, and STARTTLS only notes that it
 * happened. A hook runs on each flush, so a script can answer what it could not know in advance.
 */
final class FakeImapExchange implements ImapExchange {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final LinkedBlockingDeque<String> lines = new LinkedBlockingDeque<>();
  /** Called on the writing thread after each flush, with everything written so far. */
  volatile java.util.function.Consumer<String> onFlush = written -> {};
  boolean tlsAvailable = true;
  boolean tls;
  int plaintextBehindStartTls;
  int flushes;
  boolean closed;
  /** A script that ran out: readLine answers end of stream, as a client that hung up. */
  private static final String EOF = new String("<eof>");

  /** Scripts the next line(s) the client sends. */
  FakeImapExchange lines(String... script) {
    lines.addAll(java.util.List.of(script));
    return this;
  }

  /** The client hangs up: the next read sees end of stream. */
  void hangUp() {
    lines.add(EOF);
  }

  /** What was written since the last call, as text. */
  synchronized String take() {
    String s = out.toString(StandardCharsets.UTF_8);
    out.reset();
    return s;
  }

  @Override
  public synchronized void write(byte[] bytes) {
    out.writeBytes(bytes);
  }

  @Override
  public void flush() {
    String written;
    synchronized (this) {
      flushes++;
      written = out.toString(StandardCharsets.UTF_8);
    }
    onFlush.accept(written);
  }

  @Override
  public String readLine(int maxLength) {
    return next(Duration.ofSeconds(5));
  }

  @Override
  public String readLine(int maxLength, Duration timeout) {
    return next(Duration.ofSeconds(5));
  }

  private String next(Duration wait) {
    try {
      String line = lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      return line == null || line == EOF ? null : line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public int startTls() {
    if (tls || !tlsAvailable) {
      throw new IllegalStateException("STARTTLS with TLS active or not configured");
    }
    tls = true;
    return plaintextBehindStartTls;
  }

  @Override
  public boolean tlsAvailable() {
    return tlsAvailable;
  }

  @Override
  public boolean isTls() {
    return tls;
  }

  @Override
  public String tlsProtocol() {
    return tls ? "TLSv1.3" : "";
  }

  @Override
  public String tlsCipher() {
    return tls ? "TLS_AES_128_GCM_SHA256" : "";
  }

  @Override
  public String listenerId() {
    return "imap";
  }

  @Override
  public String clientAddress() {
    return "127.0.0.1";
  }

  @Override
  public String sessionId() {
    return "imap-test-1";
  }

  @Override
  public void close() {
    closed = true;
  }
}
