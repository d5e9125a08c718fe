package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.store.MemoryAccount;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * A growable byte buffer that keeps at most a given number of octets and counts the rest, so that
 * an oversized message costs no more memory than the limit. It grows by adding chunks (each as
 * large as everything before it), never by copying, so a message is copied once, into the array
 * {@link #toByteArray()} returns; a message that fits the first chunk exactly is not copied at all.
 *
 * <p>Each chunk is charged to the server's memory account before it is allocated, so that messages
 * being received count against the same budget as the stored ones. When the account refuses, the
 * buffer keeps nothing more and only counts ({@link #refused()}: the message gets {@code 452 4.3.1}
 * at its end). {@link #release()} gives the charge back; it is also given back if the buffer is
 * dropped unreleased (a session that died in the middle of DATA).
 */
final class BoundedBuffer extends OutputStream {
  static final int FIRST_CHUNK = 8192;
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "fakemail-buffer-cleaner");
    t.setDaemon(true);
    return t;
  });

  private final long max;
  private final Charge charge;
  private final Cleaner.Cleanable cleanable;
  private boolean refused;
  private final List<byte[]> full = new ArrayList<>(4);
  private byte[] current;
  private int used; // octets in current
  private int count; // octets kept, in all chunks
  private long offered;

  BoundedBuffer(long max) {
    this(max, null);
  }

  /** A buffer charging {@code account} (null: none) for what it allocates. */
  BoundedBuffer(long max, MemoryAccount account) {
    this.max = max;
    this.charge = account == null ? null : new Charge(account);
    this.cleanable = charge == null ? null : CLEANER.register(this, charge);
    int first = (int) Math.min(max, FIRST_CHUNK);
    if (charge != null && !charge.take(first)) {
      refused = true;
      this.current = new byte[0];
    } else {
      this.current = new byte[first];
    }
  }

  /** What a buffer has charged; run once, by {@link #release()} or when the buffer is collected. */
  private static final class Charge implements Runnable {
    private final MemoryAccount account;
    private long amount;

    Charge(MemoryAccount account) {
      this.account = account;
    }

    synchronized boolean take(long bytes) {
      if (!account.tryCharge(bytes)) {
        return false;
      }
      amount += bytes;
      return true;
    }

    @Override
    public synchronized void run() {
      account.release(amount);
      amount = 0;
    }
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    offered += len;
    int keep = refused ? 0 : (int) Math.min(len, max - count);
    while (keep > 0) {
      if (used == current.length) {
        int size = (int) Math.min(Math.max(FIRST_CHUNK, count), Math.min(max - count, Integer.MAX_VALUE - 16 - count));
        if (charge != null && !charge.take(size)) {
          refused = true;
          return;
        }
        full.add(current);
        current = new byte[size];
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

  /** Whether the memory account refused room for the message: it was counted, not kept. */
  boolean refused() {
    return refused;
  }

  /** Gives the memory charged back (once; later calls do nothing). The buffer is not used after. */
  void release() {
    if (cleanable != null) {
      cleanable.clean();
    }
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
