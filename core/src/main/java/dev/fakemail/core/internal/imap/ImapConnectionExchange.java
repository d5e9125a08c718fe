package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.ConnectionFacts;
import java.io.IOException;
import java.time.Duration;

/** The exchange of a real connection. */
final class ImapConnectionExchange extends ConnectionFacts implements ImapExchange {
  private final Connection c;

  ImapConnectionExchange(Connection c) {
    super(c);
    this.c = c;
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    c.write(bytes, 0, bytes.length);
  }

  @Override
  public void write(byte[] bytes, int off, int len) throws IOException {
    c.write(bytes, off, len);
  }

  @Override
  public void flush() throws IOException {
    c.flush();
  }

  @Override
  public String readLine(int maxLength) throws IOException {
    return c.readLine(maxLength);
  }

  @Override
  public String readLine(int maxLength, Duration timeout) throws IOException {
    return c.readLine(maxLength, timeout);
  }

  @Override
  public int startTls() throws IOException {
    return c.startTls();
  }








  @Override
  public void close() {
    c.close();
  }
}
