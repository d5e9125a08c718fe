package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NamespaceTest {
  /** Namespaces made here never query: any call is a bug. */
  static final MailInspector UNUSED = (MailInspector) java.lang.reflect.Proxy.newProxyInstance(
      MailInspector.class.getClassLoader(), new Class<?>[] {MailInspector.class}, (proxy, method, args) -> {
        throw new AssertionError("unexpected call of " + method.getName());
      });


  @Test
  void domainsAreUniqueAcrossManyNamespaces() {
    Set<String> domains = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      domains.add(Namespace.of(UNUSED).domain());
    }
    assertThat(domains).hasSize(10_000).allMatch(d -> d.matches("ns-[a-z2-9]{8}\\.test"));
  }

  @Test
  void addressRejectsAnAtSignOrBlank() {
    Namespace ns = Namespace.of(UNUSED);
    assertThatThrownBy(() -> ns.address("bob@x.test")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'@'");
    assertThatThrownBy(() -> ns.address(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parentMustBeADomainName() {
    assertThatThrownBy(() -> Namespace.of(UNUSED, "user@example.test")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("example.test");
    assertThatThrownBy(() -> Namespace.of(UNUSED, ".example.test")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void awaitRejectsACountBelowOne() {
    assertThatThrownBy(() -> Namespace.of(UNUSED).awaitMessages(MessageFilter.any(), 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
