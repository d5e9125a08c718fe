package dev.fakemail.core.internal.smtp;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A growable byte buffer that keeps at most a given number of octets and counts the rest, so that
 * an oversized message costs no more memory than the limit. It grows by adding chunks (each as
 * large as everything before it), never by copying, so a message is copied once, into the array
 * {@link #toByteArray()} returns; a message that fits the first chunk exactly is not copied at all.
 */
final class BoundedBuffer extends OutputStream {
  static final int FIRST_CHUNK = 8192;

  private final long max;
  private final List<byte[]> full = new ArrayList<>(4);
  private byte[] current;
  private int used; // octets in current
  private int count; // octets kept, in all chunks
  private long offered;

  BoundedBuffer(long max) {
    this.max = max;
    this.current = new byte[(int) Math.min(max, FIRST_CHUNK)];
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    offered += len;
    int keep = (int) Math.min(len, max - count);
    while (keep > 0) {
      if (used == current.length) {
        full.add(current);
        current = new byte[(int) Math.min(Math.max(FIRST_CHUNK, count), Math.min(max - count, Integer.MAX_VALUE - 16 - count))];
        used = 0;
      }
      int n = Math.min(keep, current.length - used);
      System.arraycopy(b, off, current, used, n);
      used += n;
      count += n;
      off += n;
      keep -= n;
    }
  }

  /** Octets offered so far, including those not kept. */
  long offered() {
    return offered;
  }

  boolean overflowed() {
    return offered > count;
  }

  /** The octets kept, in one array of exactly their length. */
  byte[] toByteArray() {
    if (full.isEmpty() && used == current.length) {
      return current;
    }
    byte[] out = new byte[count];
    int at = 0;
    for (byte[] chunk : full) {
      System.arraycopy(chunk, 0, out, at, chunk.length);
      at += chunk.length;
    }
    System.arraycopy(current, 0, out, at, used);
    return out;
  }
}
