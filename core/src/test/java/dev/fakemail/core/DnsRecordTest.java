package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DnsRecordTest {
  @Test
  void parsesNameTypeValue() {
    DnsRecord r = DnsRecord.parse("Far.Test. MX 10 mx.far.test");
    assertThat(r).isEqualTo(new DnsRecord("far.test", "MX", "10 mx.far.test", DnsRecord.DEFAULT_TTL));
  }

  @Test
  void parsesAnOptionalTtl() {
    DnsRecord r = DnsRecord.parse("far.test 60 a 127.0.0.2");
    assertThat(r.ttl()).isEqualTo(60);
    assertThat(r.type()).isEqualTo("A");
  }

  @Test
  void txtKeepsItsSpacesAndLosesEnclosingQuotes() {
    assertThat(DnsRecord.parse("far.test TXT v=spf1 -all").value()).isEqualTo("v=spf1 -all");
    assertThat(DnsRecord.parse("far.test TXT \"v=spf1 -all\"").value()).isEqualTo("v=spf1 -all");
  }

  @Test
  void badRecordsAreRejectedWithTheFix() {
    assertThatThrownBy(() -> DnsRecord.parse("far.test MX")).hasMessageContaining("name TYPE value");
    assertThatThrownBy(() -> DnsRecord.parse("far.test SRV 1 2 3 x")).hasMessageContaining("A, AAAA, MX, TXT, CNAME, PTR");
    assertThatThrownBy(() -> DnsRecord.parse("far.test IN MX 10 mx")).hasMessageContaining("leave out the class");
    assertThatThrownBy(() -> DnsRecord.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void relayHostParsesTheCliFormAndHidesThePassword() {
    RelayHost h = RelayHost.parse("mx.far.test=127.0.0.1:4525,starttls,user=relay@corp.test,password=s3cret");
    assertThat(h).isEqualTo(new RelayHost("mx.far.test", "127.0.0.1", 4525, "relay@corp.test", "s3cret", true));
    assertThat(h.toString()).doesNotContain("s3cret").contains("****");
    assertThat(RelayHost.parse("smart.test=[::1]:25").host()).isEqualTo("::1");
    assertThatThrownBy(() -> RelayHost.parse("mx.far.test:25")).hasMessageContaining("name=host:port");
    assertThatThrownBy(() -> RelayHost.parse("mx.far.test=h:25,password=s3cret,tls"))
        .hasMessageContaining("unknown option").satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }
}
