package dev.fakemail.inspector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which {@code Host} names the inspector serves (DNS rebinding protection). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostGuardTest {
  private static HostGuard loopback(String... allowed) {
    return new HostGuard(ex -> { }, new Responses(), true, Set.of(allowed), "mail.example.test");
  }

  private static HostGuard everyInterface(String... allowed) {
    return new HostGuard(ex -> { }, new Responses(), false, Set.of(allowed), "mail.example.test");
  }

  private static boolean serves(HostGuard g, String hostHeader) {
    String h = HostGuard.hostOf(hostHeader);
    return h != null && g.serves(h);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "localhost:8025", "LOCALHOST:8025", "localhost.:8025", "app.localhost:8025",
      "127.0.0.1:8025", "127.0.0.1", "127.1.2.3:80", "[::1]:8025", "[::1]", "[0:0:0:0:0:0:0:1]:8025"})
  void loopbackNamesAreServedWhenBoundToLoopback(String host) {
    assertThat(serves(loopback(), host)).isTrue();
    assertThat(serves(everyInterface(), host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rebind.attacker.example", "rebind.attacker.example:8025", "mail:8025", "mail",
      "10.0.0.5:8025", "[fd00::5]:8025", "mail.example.test:8025", "localhost.attacker.example", "127.0.0.1.nip.io",
      "attacker.example:8025@localhost", "[::1", "::1", "0x7f.1:8025"})
  void anythingElseIsRefusedWhenBoundToLoopback(String host) {
    assertThat(serves(loopback(), host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mail:8025", "mail", "fakemail", "10.0.0.5:8025", "172.18.0.3", "[fd00::5]:8025",
      "mail.example.test:8025", "MAIL.EXAMPLE.TEST"})
  void ipLiteralsServiceNamesAndTheHostnameAreServedWhenBoundToEveryInterface(String host) {
    assertThat(serves(everyInterface(), host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rebind.attacker.example:8025", "other.example.test", "mail.example.test.attacker.example",
      "999.1.1.1:8025", "[not-ipv6]:8025"})
  void otherNamesAreRefusedWhenBoundToEveryInterface(String host) {
    assertThat(serves(everyInterface(), host)).isFalse();
  }

  @Test
  void allowedHostsAndTheirWildcards() {
    HostGuard g = loopback("mail.dev.test", "*.ci.example", "192.0.2.7");
    assertThat(serves(g, "mail.dev.test:8025")).isTrue();
    assertThat(serves(g, "runner-7.ci.example:8025")).isTrue();
    assertThat(serves(g, "ci.example")).as("*.domain is for subdomains").isFalse();
    assertThat(serves(g, "192.0.2.7:8025")).isTrue();
    assertThat(serves(g, "other.dev.test")).isFalse();
  }
}
