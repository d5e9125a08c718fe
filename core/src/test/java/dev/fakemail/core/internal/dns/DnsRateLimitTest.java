package dev.fakemail.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DnsRateLimitTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void aSourceGetsItsBurstThenTheRate() throws Exception {
    DnsRateLimit limit = new DnsRateLimit(10, 5, 100, now::get);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    for (int i = 0; i < 5; i++) {
      assertThat(limit.allow(a)).as("burst %d", i).isTrue();
    }
    assertThat(limit.allow(a)).isFalse();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250)); // 2.5 tokens
    assertThat(limit.allow(a)).isTrue();
    assertThat(limit.allow(a)).isTrue();
    assertThat(limit.allow(a)).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(60));
    for (int i = 0; i < 5; i++) {
      assertThat(limit.allow(a)).as("refilled to the burst, no more").isTrue();
    }
    assertThat(limit.allow(a)).isFalse();
  }

  @Test
  void sourcesAreLimitedSeparatelyAndTheTableStaysBounded() throws Exception {
    DnsRateLimit limit = new DnsRateLimit(1, 1, 2, now::get);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    InetAddress c = InetAddress.getByName("192.0.2.3");
    assertThat(limit.allow(a)).isTrue();
    assertThat(limit.allow(a)).isFalse();
    assertThat(limit.allow(b)).as("another source has its own bucket").isTrue();
    assertThat(limit.allow(c)).isTrue(); // a, the least recently seen, is forgotten
    assertThat(limit.allow(a)).as("a forgotten source starts with a full bucket").isTrue();
  }
}
