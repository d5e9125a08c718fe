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
}
