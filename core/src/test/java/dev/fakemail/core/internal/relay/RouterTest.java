package dev.fakemail.core.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.RelayHost;
import dev.fakemail.core.internal.dns.Zones;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RouterTest {
  private final Zones zones = new Zones(List.of());
  private final Map<String, RelayHost> hosts = Map.of(
      "mx1.far.test", new RelayHost("mx1.far.test", "127.0.0.1", 2001),
      "mx2.far.test", new RelayHost("mx2.far.test", "127.0.0.1", 2002),
      "a.test", new RelayHost("a.test", "127.0.0.1", 2003));
  private final Router router = new Router(zones, hosts, null, "mx.corp.test");

  private void add(String r) {
    zones.add(DnsRecord.parse(r));
  }

  @Test
  void mxHostsAreTriedByPreference() {
    add("far.test MX 20 mx2.far.test");
    add("far.test MX 10 mx1.far.test");
    assertThat(router.route("far.test").hosts()).extracting(RelayHost::name).containsExactly("mx1.far.test", "mx2.far.test");
  }

  @Test
  void withoutMxTheDomainItselfIsTheHostWhenItHasAnAddress() {
    add("a.test A 192.0.2.1");
    assertThat(router.route("a.test").hosts()).extracting(RelayHost::port).containsExactly(2003);
  }

  @Test
  void noMxAndNoAddressIsNoRoute() {
    Router.Route r = router.route("nowhere.test");
    assertThat(r.exists()).isFalse();
    assertThat(r.noRoute().status()).isEqualTo("5.4.4");
  }

  @Test
  void anMxHostWithoutEndpointIsNoRouteNeverAConnectionElsewhere() {
    add("far.test MX 10 unmapped.far.test");
    add("unmapped.far.test A 127.0.0.1");
    Router.Route r = router.route("far.test");
    assertThat(r.hosts()).isEmpty();
    assertThat(r.noRoute().text()).contains("550 5.4.4").contains("unmapped.far.test");
  }

  @Test
  void unmappedMxHostsAreSkippedWhenAnotherIsMapped() {
    add("far.test MX 5 unmapped.far.test");
    add("far.test MX 10 mx2.far.test");
    assertThat(router.route("far.test").hosts()).extracting(RelayHost::name).containsExactly("mx2.far.test");
  }

  @Test
  void nullMxRefusesMail() {
    add("far.test MX 0 .");
    assertThat(router.route("far.test").noRoute().status()).isEqualTo("5.1.10");
  }

  @Test
  void mxPointingBackToThisServerIsALoop() {
    add("loop.test MX 10 mx.corp.test");
    assertThat(router.route("loop.test").noRoute().status()).isEqualTo("5.4.6");
  }
}
