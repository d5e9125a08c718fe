package dev.fakemail.benchmarks;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.DkimKey;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.authres.SenderVerifier;
import dev.fakemail.core.internal.dns.Zones;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.james.jdkim.DKIMSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What judging one message's sender authentication costs (SPF by jSPF, DKIM by jDKIM, DMARC), in
 * microseconds: paid on the first read of {@code authentication()} (or of the message over POP3,
 * IMAP, the .eml download), and before the reply to DATA only when a server enforces a policy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AuthenticationBenchmark {
  static final SessionInfo SESSION = new SessionInfo("bench", Listener.SMTP, "127.0.0.1", "client.shop.test", "", "", "");
  static final String BODY = "From: Shop <news@shop.test>\r\nTo: bob@inbound.test\r\nSubject: Your order\r\n"
      + "Date: Thu, 3 Dec 2026 08:00:00 +0000\r\nMessage-ID: <1@shop.test>\r\n\r\n" + "Your order shipped.\r\n".repeat(50);

  SenderVerifier none;
  SenderVerifier published;
  ReceivedMessage unsigned;
  ReceivedMessage signed;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    none = new SenderVerifier(new Zones(List.of()), "mx.inbound.test", java.time.Clock.systemUTC());
    DkimKey key = DkimKey.generate("shop.test", "s1");
    Zones zones = new Zones(List.of(DnsRecord.of("shop.test", "TXT", "v=spf1 ip4:192.0.2.1 ip4:127.0.0.1 -all"),
        DnsRecord.of("_dmarc.shop.test", "TXT", "v=DMARC1; p=reject"),
        DnsRecord.of(key.recordName(), "TXT", key.publicKeyRecord())));
    published = new SenderVerifier(zones, "mx.inbound.test", java.time.Clock.systemUTC());
    unsigned = message(BODY);
    String sig = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.test; s=s1; "
        + "h=from:to:subject:date:message-id; bh=; b=;", key.privateKey())
        .sign(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.US_ASCII)));
    signed = message(sig + "\r\n" + BODY);
    if (!published.verify(signed).dmarc().passed()) {
      throw new IllegalStateException("the signed message does not pass: " + published.verify(signed));
    }
  }

  static ReceivedMessage message(String raw) {
    return dev.fakemail.core.internal.CoreAccess.get().message("1", Instant.now(), Envelope.of("news@shop.test", List.of("bob@inbound.test")), SESSION,
        raw.getBytes(StandardCharsets.US_ASCII), null);
  }

  /** No records anywhere: spf=none dkim=none dmarc=none. */
  @Benchmark
  public Authentication unsignedWithoutRecords() {
    return none.verify(unsigned);
  }

  /** SPF pass and DMARC pass on it, no signature. */
  @Benchmark
  public Authentication unsignedSpfAndDmarc() {
    return published.verify(unsigned);
  }

  /** One RSA-2048 signature, SPF and DMARC: all pass. */
  @Benchmark
  public Authentication signedSpfDkimAndDmarc() {
    return published.verify(signed);
  }
}
