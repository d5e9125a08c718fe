package dev.fakemail.core.internal.net;

import java.io.IOException;
import java.io.OutputStream;

/**
 * SMTP DATA, fed in pieces of any size: reads up to and including {@code CRLF . CRLF}, removing the
 * leading dot of stuffed lines (RFC 5321 §4.5.2). The content, ending with its last CRLF, goes to
 * {@code out} until {@code maxBytes} have been written; the rest is counted and dropped. Only
 * {@code CRLF . CRLF} ends the data: {@code LF . LF}, {@code LF . CRLF}, {@code CRLF . LF} and
 * {@code CR . CR} stay content (the SMTP smuggling sequences). The blocking connection pulls bytes
 * into it ({@link ConnectionInput#readDotTerminated}); the event loop pushes them as they arrive.
 */
public final class DotTerminatedReader {
  private static final int LINE_START = 0, MID = 1, CR = 2, DOT = 3, DOT_CR = 4;
  private static final byte[] CR_BYTE = {'\r'};

  private final OutputStream out;
  private final long maxBytes;
  private int state = LINE_START; // the data begins right after the DATA line's CRLF
  private long total;
  private boolean done;

  public DotTerminatedReader(OutputStream out, long maxBytes) {
    this.out = out;
    this.maxBytes = maxBytes;
  }

  /** Whether the terminating {@code CRLF . CRLF} has been read. */
  public boolean done() {
    return done;
  }

  /** The size of the whole content so far, which may be more than was written. */
  public long total() {
    return total;
  }

  /**
   * Consumes octets from {@code buf[off, off + len)} up to and including the terminator.
   *
   * @return the number of octets consumed: all of them, or fewer once the data has ended (the rest
   *     is the client's next command)
   */
  public int feed(byte[] buf, int off, int len) throws IOException {
    if (done || len <= 0) {
      return 0;
    }
    int limit = off + len;
    int pos = off;
    int runStart = pos;
    if (state == DOT_CR) { // ".\r" ended the last piece: the terminator, or a stuffed line starting with CR
      if (buf[pos] == '\n') {
        done = true;
        return 1;
      }
      write(CR_BYTE, 0, 1);
      state = CR;
    }
    for (int i = pos; i < limit; i++) {
      if (state == MID) { // most octets: only a CR can matter, so skip to the next one
        while (i < limit && buf[i] != '\r') {
          i++;
        }
        if (i == limit) {
          break;
        }
        state = CR;
        continue;
      }
      byte b = buf[i];
      switch (state) {
        case LINE_START -> {
          if (b == '.') {
            write(buf, runStart, i - runStart);
            runStart = i + 1; // the stuffing dot is dropped
            state = DOT;
          } else {
            state = b == '\r' ? CR : MID;
          }
        }
        case CR -> state = b == '\n' ? LINE_START : b == '\r' ? CR : MID;
        case DOT -> state = b == '\r' ? DOT_CR : MID;
        default -> { // DOT_CR
          if (b == '\n') {
            write(buf, runStart, i - 1 - runStart);
            done = true;
            return i + 1 - off;
          }
          state = b == '\r' ? CR : MID;
        }
      }
    }
    int end = state == DOT_CR ? limit - 1 : limit; // hold back a CR that may start the terminator
    write(buf, runStart, end - runStart);
    return len;
  }

  private void write(byte[] b, int off, int len) throws IOException {
    if (len <= 0) {
      return;
    }
    if (total < maxBytes) {
      out.write(b, off, (int) Math.min(len, maxBytes - total));
    }
    total += len;
  }
}
