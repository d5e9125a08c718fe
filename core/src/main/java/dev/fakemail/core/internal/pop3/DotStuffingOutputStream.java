package dev.fakemail.core.internal.pop3;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Byte-stuffs a multi-line POP3 response (RFC 1939 §3): a line starting with {@code .} gets one more.
 * {@link #finish()} ends the last line if needed and writes the terminating {@code .CRLF}.
 */
final class DotStuffingOutputStream extends FilterOutputStream {
  private boolean lineStart = true;
  private long count;

  DotStuffingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (lineStart && b == '.') {
      out.write('.');
    }
    out.write(b);
    lineStart = b == '\n';
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int run = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (lineStart && b[i] == '.') {
        out.write(b, run, i - run);
        out.write('.');
        run = i;
      }
      lineStart = b[i] == '\n';
    }
    out.write(b, run, end - run);
    count += len;
  }

  /** The octets written so far, before stuffing. */
  long count() {
    return count;
  }

  void finish() throws IOException {
    if (!lineStart) {
      out.write('\r');
      out.write('\n');
    }
    out.write(new byte[] {'.', '\r', '\n'});
    lineStart = true;
  }

  @Override
  public void close() {
    // the connection stays open
  }
}
