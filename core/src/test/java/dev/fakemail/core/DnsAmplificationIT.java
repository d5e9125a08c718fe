package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS port is no amplifier (issue 16): over a corpus of queries (A, AAAA, MX, large TXT, ANY,
 * unknown names), without EDNS and with EDNS sizes from 512 to 65535, every UDP answer is at most 3
 * times its query, within 512 octets without EDNS and the requester's size capped at 1,232 with it,
 * and truncated (TC) when the whole answer does not fit, which TCP then gives in full. ANY gets one
 * HINFO record (RFC 8482). Bound to a non-loopback address, each source is rate-limited.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DnsAmplificationIT {
  private static final Logger LOG = LoggerFactory.getLogger(DnsAmplificationIT.class);
  private static final double MAX_AMPLIFICATION = 3.0;

  private static FakeMailConfig.Builder corpus(FakeMailConfig.Builder b) {
    b.dnsPort(0).dnsRecord("far.test MX 10 mx1.far.test").dnsRecord("far.test MX 20 mx2.far.test")
        .dnsRecord("far.test MX 30 mx3.far.test").dnsRecord("far.test TXT v=spf1 mx -all")
        .dnsRecord("mx1.far.test A 127.0.0.1").dnsRecord("mx2.far.test A 127.0.0.2").dnsRecord("mx3.far.test A 127.0.0.3")
        .dnsRecord("selector._domainkey.far.test TXT v=DKIM1; k=rsa; p=" + "A".repeat(392))
        .dnsRecord("big.test TXT " + "x".repeat(1000)).dnsRecord("big.test TXT " + "y".repeat(2000))
        .dnsRecord("www.far.test CNAME far.test");
    for (int i = 1; i <= 40; i++) {
      b.dnsRecord("many.test A 192.0.2." + i);
      b.dnsRecord("many.test AAAA 2001:db8::" + Integer.toHexString(i));
    }
    return b;
  }

  private record Q(String name, int type) {}

  private static final List<Q> QUERIES = List.of(
      new Q("far.test.", Type.MX), new Q("far.test.", Type.A), new Q("far.test.", Type.TXT), new Q("far.test.", Type.ANY),
      new Q("selector._domainkey.far.test.", Type.TXT), new Q("big.test.", Type.TXT), new Q("big.test.", Type.ANY),
      new Q("many.test.", Type.A), new Q("many.test.", Type.AAAA), new Q("many.test.", Type.ANY),
      new Q("www.far.test.", Type.MX), new Q("nowhere.test.", Type.A), new Q("nowhere.test.", Type.ANY), new Q(".", Type.ANY));

  /** null: no EDNS. */
  private static final Integer[] EDNS = {null, 512, 1232, 1500, 4096, 65535};

  private static Message query(Q q, Integer edns) throws Exception {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(q.name()), q.type(), DClass.IN));
    if (edns != null) {
      m.addRecord(new OPTRecord(edns, 0, 0), Section.ADDITIONAL);
    }
    return m;
  }

  private static byte[] udp(DatagramSocket s, int port, byte[] query) throws IOException {
    s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
    DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
    s.receive(p);
    byte[] out = new byte[p.getLength()];
    System.arraycopy(p.getData(), 0, out, 0, out.length);
    return out;
  }

  @Test
  void everyUdpAnswerIsAtMostThreeTimesItsQueryAndWithinTheRequestersSize() throws Exception {
    try (FakeMailServer server = corpus(FakeMailServer.builder()).start(); DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5_000);
      SimpleResolver tcp = new SimpleResolver(InetAddress.getLoopbackAddress());
      tcp.setPort(server.dnsPort());
      tcp.setTCP(true);
      tcp.setTimeout(Duration.ofSeconds(5));
      double worst = 0;
      double worstFull = 0;
      int truncated = 0;
      List<String> table = new ArrayList<>();
      for (Q q : QUERIES) {
        Message full = tcp.send(query(q, 4096));
        for (Integer edns : EDNS) {
          Message asked = query(q, edns);
          byte[] wireQuery = asked.toWire();
          byte[] wire = udp(s, server.dnsPort(), wireQuery);
          Message answer = new Message(wire);
          double ratio = (double) wire.length / wireQuery.length;
          int cap = edns == null ? 512 : Math.max(512, Math.min(edns, 1232));
          String what = q + " edns=" + edns + ": " + wireQuery.length + " -> " + wire.length + " octets";
          table.add(String.format("%-60s %.2fx%s", what, ratio, answer.getHeader().getFlag(Flags.TC) ? " TC" : ""));
          assertThat(ratio).as(what).isLessThanOrEqualTo(MAX_AMPLIFICATION);
          assertThat(wire.length).as(what).isLessThanOrEqualTo(cap);
          assertThat(answer.getHeader().getID()).as(what).isEqualTo(asked.getHeader().getID());
          if (answer.getHeader().getFlag(Flags.TC)) {
            truncated++;
          } else {
            assertThat(answer.getSection(Section.ANSWER)).as("%s: untruncated means complete", what)
                .hasSameSizeAs(full.getSection(Section.ANSWER));
          }
          worst = Math.max(worst, ratio);
          worstFull = Math.max(worstFull, (double) full.toWire().length / wireQuery.length);
        }
      }
      LOG.info("UDP answers over {} queries: at most {}x their query ({} truncated); the full answers over TCP would be up to {}x\n{}",
          QUERIES.size() * EDNS.length, String.format("%.2f", worst), truncated, String.format("%.1f", worstFull),
          String.join("\n", table));
      assertThat(truncated).as("the large answers were truncated, not sent").isPositive();
      assertThat(worstFull).as("the corpus holds answers that would amplify").isGreaterThan(10);
    }
  }

  @Test
  void anyGetsOneHinfoRecordAsRfc8482Says() throws Exception {
    try (FakeMailServer server = corpus(FakeMailServer.builder()).start()) {
      for (boolean overTcp : new boolean[] {false, true}) {
        SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
        r.setPort(server.dnsPort());
        r.setTCP(overTcp);
        r.setTimeout(Duration.ofSeconds(5));
        Message m = r.send(query(new Q("many.test.", Type.ANY), 4096));
        assertThat(m.getSection(Section.ANSWER)).singleElement().isInstanceOfSatisfying(HINFORecord.class, h -> {
          assertThat(h.getCPU()).isEqualTo("RFC8482");
          assertThat(h.getOS()).isEmpty();
        });
        assertThat(r.send(query(new Q("nowhere.test.", Type.ANY), null)).getRcode()).isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
      }
    }
  }

  /** Answers to {@code n} A queries sent one after another from 127.0.0.1; counts the truncated ones. */
  private static int[] burst(FakeMailServer server, int n) throws Exception {
    int full = 0;
    int tc = 0;
    int firstTc = -1;
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5_000);
      for (int i = 0; i < n; i++) {
        byte[] q = query(new Q("mx1.far.test.", Type.A), null).toWire(); // small enough never to be truncated for size
        byte[] wire = udp(s, server.dnsPort(), q);
        Message a = new Message(wire);
        if (a.getHeader().getFlag(Flags.TC)) {
          assertThat(wire.length).as("a rate-limited answer is no larger than the query").isLessThanOrEqualTo(q.length);
          assertThat(a.getSection(Section.ANSWER)).isEmpty();
          tc++;
          firstTc = firstTc < 0 ? i : firstTc;
        } else {
          full++;
        }
      }
    }
    return new int[] {full, tc, firstTc};
  }

  @Test
  void boundToEveryInterfaceEachSourceIsRateLimited() throws Exception {
    try (FakeMailServer server = corpus(FakeMailServer.builder()).bind("0.0.0.0").start()) {
      long start = System.nanoTime();
      int[] r = burst(server, 1000);
      double seconds = (System.nanoTime() - start) / 1e9;
      // 100 at once and 50 a second: all 1000 in full would take 18 s
      Assumptions.assumeTrue(seconds < 15, "1000 queries took " + seconds + " s: too slow to see the limit");
      assertThat(r[2]).as("the first truncated answer comes after the burst").isGreaterThanOrEqualTo(100);
      assertThat(r[1]).as("truncated answers, in %.1f s", seconds).isGreaterThan(0);
      assertThat(r[0]).as("full answers").isLessThanOrEqualTo(100 + (int) Math.ceil(seconds * 50) + 1);
      SimpleResolver tcp = new SimpleResolver(InetAddress.getLoopbackAddress());
      tcp.setPort(server.dnsPort());
      tcp.setTCP(true);
      assertThat(tcp.send(query(new Q("far.test.", Type.MX), null)).getSection(Section.ANSWER))
          .as("TCP is not limited").hasSize(3);
    }
  }

  @Test
  void boundToLoopbackNothingIsRateLimited() throws Exception {
    try (FakeMailServer server = corpus(FakeMailServer.builder()).start()) {
      assertThat(burst(server, 1000)[1]).isZero();
    }
  }
}
