package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.utility.DockerImageName;

/** Configuration only: no container runtime needed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FakeMailContainerTest {
  static FakeMailContainer container() {
    return new FakeMailContainer(DockerImageName.parse("localhost/fakemail:test"));
  }

  @Test
  void withOptionsBecomeEnvironmentVariablesOnConfigure() {
    FakeMailContainer c = container()
        .withUser("bob@example.test", "secret")
        .withUser("eve@example.test", "pw2")
        .withAuthRequired()
        .withLocalDomain("example.test")
        .withLocalDomain("other.test")
        .withDnsRecord("other.test MX 10 mx.other.test")
        .withHostname("mx.example.test")
        .withLogLevel("debug")
        .withApiToken("s3cret");
    assertThat(c.getEnvMap()).as("nothing set before configure()").isEmpty();

    c.configure();

    assertThat(c.getEnvMap())
        .containsEntry("FAKEMAIL_USER", "bob@example.test:secret,eve@example.test:pw2")
        .containsEntry("FAKEMAIL_AUTH_REQUIRED", "true")
        .containsEntry("FAKEMAIL_LOCAL_DOMAIN", "example.test,other.test")
        .containsEntry("FAKEMAIL_DNS_RECORD", "other.test MX 10 mx.other.test")
        .containsEntry("FAKEMAIL_HOSTNAME", "mx.example.test")
        .containsEntry("FAKEMAIL_LOG_LEVEL", "debug")
        .containsEntry("FAKEMAIL_API_TOKEN", "s3cret");
  }

  @Test
  void aDottedDockerHostAndNetworkAliasesAreAllowedByTheHostCheck() {
    FakeMailContainer c = container().withAllowedHost("mail.dev.test").withRelayNetwork("10.0.0.0/8")
        .withNetworkAliases("mail", "mail.compose.test");
    c.dockerHost("docker.ci.example");
    c.configure();
    assertThat(c.getEnvMap())
        .containsEntry("FAKEMAIL_ALLOWED_HOST", "mail.dev.test,docker.ci.example,mail.compose.test")
        .containsEntry("FAKEMAIL_RELAY_NETWORK", "10.0.0.0/8");
    for (String served : new String[] {"localhost", "127.0.0.1", "172.17.0.1", "docker", "::1", "host.localhost"}) {
      assertThat(FakeMailContainer.needsAllowing(served)).as(served).isFalse();
    }
    assertThat(FakeMailContainer.needsAllowing("host.docker.internal")).isTrue();
  }

  @Test
  void defaultsSetNoVariables() {
    FakeMailContainer c = container();
    c.configure();
    assertThat(c.getEnvMap()).isEmpty();
  }

  @Test
  void everyMailAndHttpPortIsExposed() {
    assertThat(container().getExposedPorts()).containsExactlyInAnyOrder(2525, 2587, 2465, 2110, 2995, 2143, 2993, 8025);
  }

  @Test
  void valuesThatWouldBreakTheVariableAreRefused() {
    assertThatThrownBy(() -> container().withUser("a@x.test,b@x.test", "pw")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("','");
    assertThatThrownBy(() -> container().withUser("a:b@x.test", "pw")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':'");
    assertThatThrownBy(() -> container().withLocalDomain(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> container().withApiToken("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void clientBeforeStartSaysToStartTheContainer() {
    assertThatThrownBy(() -> container().client()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    assertThatThrownBy(() -> container().namespace()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
  }
}
