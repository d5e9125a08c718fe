package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The simulated zones on a real DNS port, asked by dnsjava's SimpleResolver and by dig. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsPortIT {
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().dnsPort(0)
        .dnsRecord("far.test MX 10 mx.far.test")
        .dnsRecord("mx.far.test A 127.0.0.1")
        .dnsRecord("far.test TXT v=spf1 -all")
        .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SimpleResolver resolver(boolean tcp) throws Exception {
    SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
    r.setPort(server.dnsPort());
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(5));
    return r;
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  @Test
  void simpleResolverGetsMxOverUdp() throws Exception {
    Message m = resolver(false).send(query("far.test.", Type.MX));
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    MXRecord mx = (MXRecord) m.getSection(Section.ANSWER).get(0);
    assertThat(mx.getTarget()).hasToString("mx.far.test.");
  }

  @Test
  void simpleResolverGetsTxtOverTcp() throws Exception {
    Message m = resolver(true).send(query("far.test.", Type.TXT));
    assertThat(((TXTRecord) m.getSection(Section.ANSWER).get(0)).getStrings()).containsExactly("v=spf1 -all");
  }

  @Test
  void unknownNameIsNxdomainOnTheWire() throws Exception {
    assertThat(resolver(false).send(query("nowhere.test.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void recordsAddedAtRunTimeAreServedAtOnce() throws Exception {
    server.dns().a("new.test", "192.0.2.7");
    Message m = resolver(false).send(query("new.test.", Type.A));
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    server.dns().remove("new.test");
    assertThat(resolver(true).send(query("new.test.", Type.A)).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void theInProcessResolverAnswersFromTheSameZones() throws Exception {
    server.dns().aaaa("v6.far.test", "2001:db8::1").ptr("1.0.0.127.in-addr.arpa", "mx.far.test");
    org.xbill.DNS.Lookup lookup = new org.xbill.DNS.Lookup("v6.far.test.", Type.AAAA);
    lookup.setResolver(server.dns().resolver());
    lookup.setCache(null);
    assertThat(lookup.run()).hasSize(1);
    assertThat(server.dns().records("1.0.0.127.in-addr.arpa")).containsExactly(
        DnsRecord.of("1.0.0.127.in-addr.arpa", "PTR", "mx.far.test"));
    assertThat(server.dns().records("v6.far.test").get(0).value()).isEqualTo("2001:db8:0:0:0:0:0:1");
  }

  @Test
  void garbageDatagramDoesNotStopTheListener() throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      byte[] junk = "hello".getBytes(StandardCharsets.US_ASCII);
      s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), server.dnsPort()));
    }
    assertThat(resolver(false).send(query("far.test.", Type.MX)).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void dnsPortOfAServerWithoutDnsIsAClearError() {
    try (FakeMailServer plain = FakeMailServer.start()) {
      assertThatThrownBy(plain::dnsPort).isInstanceOf(IllegalStateException.class).hasMessageContaining("dnsPort(0)");
    }
  }

  @Test
  void digReadsMxOverUdpAndTcp() throws Exception {
    ExternalTool.require("dig", "Debian package dnsutils");
    assertThat(dig("far.test", "MX", "+short")).containsExactly("10 mx.far.test.");
    assertThat(dig("far.test", "TXT", "+short", "+tcp")).containsExactly("\"v=spf1 -all\"");
  }

  @Test
  void digSeesNxdomainAndNodata() throws Exception {
    ExternalTool.require("dig", "Debian package dnsutils");
    assertThat(String.join("\n", dig("nowhere.test", "A"))).contains("status: NXDOMAIN");
    List<String> nodata = dig("mx.far.test", "MX");
    assertThat(String.join("\n", nodata)).contains("status: NOERROR").contains("ANSWER: 0");
  }

  private List<String> dig(String name, String type, String... options) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(server.dnsPort()),
        "+time=5", "+tries=1", name, type));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("dig finished").isTrue();
    assertThat(p.exitValue()).as("dig exit code; output:\n" + out).isZero();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }
}
