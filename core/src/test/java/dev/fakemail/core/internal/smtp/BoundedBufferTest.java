package dev.fakemail.core.internal.smtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedBufferTest {
  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void keepsEveryOctetInOrderAcrossChunksWhateverTheWriteSizes() {
    for (int size : new int[] {0, 1, 8191, 8192, 8193, 16384, 100 * 1024, 1_000_003}) {
      byte[] data = random(size, size);
      BoundedBuffer b = new BoundedBuffer(50L << 20);
      Random steps = new Random(size);
      int at = 0;
      while (at < size) {
        int n = Math.min(size - at, 1 + steps.nextInt(20_000));
        b.write(data, at, n);
        at += n;
      }
      assertArrayEquals(data, b.toByteArray(), "size " + size);
      assertEquals(size, b.offered());
      assertFalse(b.overflowed());
    }
  }

  @Test
  void keepsNoMoreThanTheLimitAndCountsTheRest() {
    byte[] data = random(30_000, 7);
    BoundedBuffer b = new BoundedBuffer(20_000);
    b.write(data, 0, 15_000);
    b.write(data, 15_000, 15_000);
    assertArrayEquals(Arrays.copyOf(data, 20_000), b.toByteArray());
    assertEquals(30_000, b.offered());
    assertTrue(b.overflowed());
  }

  @Test
  void singleOctetWritesAndSmallLimits() {
    BoundedBuffer b = new BoundedBuffer(3);
    for (byte c : "abcde".getBytes()) {
      b.write(c);
    }
    assertArrayEquals("abc".getBytes(), b.toByteArray());
    assertEquals(5, b.offered());
  }

  @Test
  void chargesItsChunksToTheAccountAndStopsKeepingWhenRefused() {
    dev.fakemail.core.internal.store.MemoryAccount account = new dev.fakemail.core.internal.store.MemoryAccount(40_000);
    BoundedBuffer b = new BoundedBuffer(50L << 20, account);
    b.write(random(100_000, 3), 0, 100_000);
    assertTrue(b.refused());
    assertEquals(100_000, b.offered());
    assertTrue(account.used() <= 40_000 && account.used() >= BoundedBuffer.FIRST_CHUNK, "charged " + account.used());
    b.release();
    assertEquals(0, account.used());
    b.release(); // once only
    assertEquals(0, account.used());
  }

  @Test
  void aFittingMessageIsChargedWhatItsChunksHold() {
    dev.fakemail.core.internal.store.MemoryAccount account = new dev.fakemail.core.internal.store.MemoryAccount(1L << 20);
    BoundedBuffer b = new BoundedBuffer(50L << 20, account);
    byte[] data = random(20_000, 5);
    b.write(data, 0, data.length);
    assertFalse(b.refused());
    assertEquals(8192 + 8192 + 16384, account.used()); // chunks of 8 KiB, 8 KiB, 16 KiB
    assertArrayEquals(data, b.toByteArray());
    b.release();
    assertEquals(0, account.used());
  }
}
