package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CidrTest {
  @Test
  void ipv4BlocksMatchTheirAddressesOnly() {
    Cidr net = Cidr.parse("10.1.0.0/16");
    assertThat(net.contains("10.1.255.7")).isTrue();
    assertThat(net.contains("10.2.0.1")).isFalse();
    assertThat(net.contains("::ffff:10.1.2.3")).as("IPv4-mapped IPv6").isTrue();
    assertThat(net.toString()).isEqualTo("10.1.0.0/16");
    assertThat(Cidr.parse("10.1.2.3/16")).as("host bits masked").isEqualTo(net);
    assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
    assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
    assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
  }

  @Test
  void ipv6BlocksMatchTheirAddressesOnly() {
    assertThat(Cidr.parse("fd00::/8").contains("fd12:3456::1")).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains("fe80::1")).isFalse();
    assertThat(Cidr.parse("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(Cidr.parse("::1").contains("127.0.0.1")).isFalse();
    assertThat(Cidr.parse("fe80::/10").contains("fe80::1%eth0")).isTrue();
  }

  @Test
  void namesAndMalformedBlocksAreRefusedWithoutALookup() {
    assertThatThrownBy(() -> Cidr.parse("mail.example.test/24")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10.0.0.0/8");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.256")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Cidr.parse("10.0.0.0/8").contains("localhost")).isFalse();
  }
}
