package dev.fakemail.core.internal.dns;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address for UDP answers (response rate limiting): each address may get
 * {@code burst} answers at once and {@code perSecond} answers a second after that. Past it the server
 * answers with an empty truncated reply (no larger than the query), so a real client retries over
 * TCP, which cannot be spoofed, while a forged source gets no amplification. At most
 * {@code maxSources} addresses are tracked; the least recently seen are forgotten first.
 */
final class DnsRateLimit {
  private final double perNano;
  private final double burst;
  private final int maxSources;
  private final LongSupplier nanoTime;
  private final Map<InetAddress, double[]> buckets; // {tokens, last refill nanos}; access order

  DnsRateLimit(double perSecond, int burst, int maxSources, LongSupplier nanoTime) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.maxSources = maxSources;
    this.nanoTime = nanoTime;
    this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
        return size() > DnsRateLimit.this.maxSources;
      }
    };
  }

  /** Whether this source may get a full answer now (takes a token if so). One thread calls it. */
  synchronized boolean allow(InetAddress source) {
    long now = nanoTime.getAsLong();
    double[] b = buckets.get(source);
    if (b == null) {
      b = new double[] {burst, now};
      buckets.put(source, b);
    }
    b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * perNano);
    b[1] = now;
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }
}
