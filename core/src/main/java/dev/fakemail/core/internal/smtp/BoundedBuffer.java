package dev.fakemail.core.internal.smtp;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that keeps at most a given number of octets and counts the rest, so that
 * an oversized message costs no more memory than the limit.
 */
final class BoundedBuffer extends OutputStream {
  private final long max;
  private byte[] buf;
  private int count;
  private long offered;

  BoundedBuffer(long max) {
    this.max = max;
    this.buf = new byte[(int) Math.min(max, 8192)];
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    offered += len;
    int keep = (int) Math.min(len, max - count);
    if (keep <= 0) {
      return;
    }
    if (count + keep > buf.length) {
      long grown = Math.max((long) buf.length * 2, (long) count + keep);
      buf = Arrays.copyOf(buf, (int) Math.min(grown, Math.min(max, Integer.MAX_VALUE - 16)));
    }
    System.arraycopy(b, off, buf, count, keep);
    count += keep;
  }

  /** Octets offered so far, including those not kept. */
  long offered() {
    return offered;
  }

  boolean overflowed() {
    return offered > count;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }
}
