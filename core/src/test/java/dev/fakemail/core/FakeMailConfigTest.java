package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeMailConfig} is a value: built, compared, copied with {@code toBuilder()}, checked on the way in. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FakeMailConfigTest {
  private static final DkimKey KEY = DkimKey.generate("corp.test", "s1");
  private static final SimulatedNetwork NETWORK = new SimulatedNetwork();

  /** Every setting away from its default. */
  private static FakeMailConfig everySetting() {
    return FakeMailConfig.builder()
        .bind("127.0.0.2")
        .listeners(Listener.SMTP, Listener.IMAP)
        .port(Listener.SMTP, 2526)
        .hostname("mx.corp.test")
        .maxMessageSize(1024)
        .maxRecipients(7)
        .maxMessages(100)
        .maxStoreBytes(5_000_000)
        .maxMailboxes(50)
        .maxFolders(20)
        .maxConnections(9)
        .maxErrors(3)
        .idleTimeout(Duration.ofSeconds(5))
        .stopGrace(Duration.ofMillis(100))
        .keystore(Path.of("keys.p12"), "storepw".toCharArray())
        .user("alice@corp.test", "hunter2")
        .user(User.parse("bob@corp.test:pw2:bob"))
        .authRequired(true)
        .senderCheck(false)
        .alias("alice@corp.test", "sales@corp.test")
        .dnsRecord("far.test MX 10 mx.far.test")
        .dnsPort(0)
        .localDomain("corp.test")
        .relayHost("mx.far.test", "127.0.0.1", 2526, "relay", "relaypw", true)
        .relayNetwork("10.0.0.0/8")
        .network(NETWORK)
        .retrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(2))
        .maxQueueAge(Duration.ofMinutes(1))
        .enforce("dmarc")
        .dkimSigning(KEY)
        .build();
  }

  /** The accessors of the configuration's settings (every public no-argument method but the Object ones and toBuilder). */
  private static List<Method> settings() {
    return Arrays.stream(FakeMailConfig.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0)
        .filter(m -> !List.of("toBuilder", "hashCode", "toString").contains(m.getName()))
        .toList();
  }

  private static Object read(Method m, FakeMailConfig c) throws Exception {
    Object v = m.invoke(c);
    return v instanceof char[] chars ? new String(chars) : v;
  }

  @Test
  void toBuilderKeepsEverySetting() throws Exception {
    FakeMailConfig c = everySetting();
    FakeMailConfig defaults = FakeMailConfig.builder().build();
    FakeMailConfig copy = c.toBuilder().build();
    assertThat(settings()).hasSizeGreaterThanOrEqualTo(28);
    for (Method m : settings()) {
      assertThat(read(m, c)).as("everySetting() sets %s", m.getName()).isNotEqualTo(read(m, defaults));
      assertThat(read(m, copy)).as("toBuilder() keeps %s", m.getName()).isEqualTo(read(m, c));
    }
    assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
  }

  @Test
  void equalSettingsAreEqualConfigurations() {
    assertThat(everySetting()).isEqualTo(everySetting()).hasSameHashCodeAs(everySetting());
    assertThat(FakeMailConfig.builder().build()).isEqualTo(FakeMailServer.builder().build());
    assertThat(everySetting().toBuilder().maxErrors(4).build()).isNotEqualTo(everySetting());
    assertThat(everySetting().toBuilder().keystore(Path.of("keys.p12"), "other".toCharArray()).build())
        .isNotEqualTo(everySetting());
    assertThat(everySetting().toBuilder().network(new SimulatedNetwork()).build())
        .as("a network counts by identity").isNotEqualTo(everySetting());
  }

  @Test
  void aBuilderLeftBehindDoesNotChangeTheConfiguration() {
    FakeMailConfig.Builder b = FakeMailConfig.builder().user("alice@corp.test", "pw").localDomain("corp.test");
    FakeMailConfig c = b.build();
    b.user("bob@corp.test", "pw").localDomain("other.test").disable(Listener.SMTP);
    assertThat(c.users()).extracting(User::address).containsExactly("alice@corp.test");
    assertThat(c.localDomains()).containsExactly("corp.test");
    assertThat(c.ports()).containsKey(Listener.SMTP);
    FakeMailConfig.Builder fromValue = c.toBuilder();
    fromValue.user("carol@corp.test", "pw");
    assertThat(c.users()).hasSize(1);
    assertThatThrownBy(() -> c.users().add(new User("x@y.test", "pw", null))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    FakeMailConfig c = FakeMailConfig.builder().build();
    assertThat(c.ports().keySet()).isEqualTo(FakeMailConfig.DEFAULT_LISTENERS).isEqualTo(EnumSet.allOf(Listener.class));
    assertThat(c.ports().values()).containsOnly(0);
    assertThat(c.bindAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(c.hostname()).isEqualTo("localhost");
    assertThat(c.maxMessageSize()).isEqualTo(FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE);
    assertThat(c.maxStoreBytes()).isEqualTo(FakeMailConfig.defaultMemoryBudget(Runtime.getRuntime().maxMemory()));
    assertThat(c.dnsPort()).isEqualTo(-1);
    assertThat(c.users()).isEmpty();
    assertThat(c.retrySchedule()).isEqualTo(FakeMailConfig.DEFAULT_RETRY_SCHEDULE);
  }

  @Test
  void toStringLeavesSecretsOut() {
    String s = everySetting().toString();
    assertThat(s).contains("mx.corp.test", "alice@corp.test", "keys.p12", "s1._domainkey.corp.test")
        .doesNotContain("hunter2", "pw2", "storepw", "relaypw", "modulus", "exponent");
  }

  @Test
  void badValuesAreRejectedNamingTheSetting() {
    FakeMailConfig.Builder b = FakeMailConfig.builder();
    assertThatThrownBy(() -> b.port(Listener.SMTP, 65536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be 0..65535, got 65536");
    assertThatThrownBy(() -> b.dnsPort(-1)).hasMessage("dnsPort must be 0..65535, got -1");
    assertThatThrownBy(() -> b.hostname(" ")).hasMessage("hostname must not be blank");
    assertThatThrownBy(() -> b.bind((String) null)).hasMessage("bind address must not be blank");
    assertThatThrownBy(() -> b.maxMessageSize(0)).hasMessage("maxMessageSize must be positive, got 0");
    assertThatThrownBy(() -> b.maxRecipients(-2)).hasMessage("maxRecipients must be positive, got -2");
    assertThatThrownBy(() -> b.maxFolders(4)).hasMessageContaining("maxFolders must be at least 5");
    assertThatThrownBy(() -> b.idleTimeout(Duration.ZERO)).hasMessage("idleTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> b.stopGrace(Duration.ofSeconds(-1))).hasMessage("stopGrace must be zero or positive, got PT-1S");
    assertThatThrownBy(() -> b.maxQueueAge(null)).hasMessage("maxQueueAge must be zero or positive, got null");
    assertThatThrownBy(() -> b.retrySchedule()).hasMessage("retrySchedule needs at least one delay");
    assertThatThrownBy(() -> b.retrySchedule(Duration.ZERO)).hasMessage("retry delays must be positive, got PT0S");
    assertThatThrownBy(() -> b.enforce("dkim")).hasMessage("enforce takes dmarc or spf, got 'dkim'");
    assertThatThrownBy(() -> b.user("nobody", "pw")).hasMessageContaining("a user's address must be local@domain");
    assertThatThrownBy(() -> b.user((User) null)).isInstanceOf(NullPointerException.class).hasMessage("user");
    assertThatThrownBy(() -> b.localDomain("")).hasMessage("localDomain must not be blank");
    assertThatThrownBy(() -> b.relayNetwork("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.port(null, 25)).isInstanceOf(NullPointerException.class).hasMessage("listener");
    assertThatThrownBy(() -> FakeMailConfig.builder().listeners().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("no listener to start: enable at least one");
    assertThat(b.build()).as("a refused value leaves the builder as it was").isEqualTo(FakeMailConfig.builder().build());
  }
}
