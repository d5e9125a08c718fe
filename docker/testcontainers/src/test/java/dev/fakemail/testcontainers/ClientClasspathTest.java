package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.MailInspector;
import dev.fakemail.inspector.client.FakeMailClient;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A container user gets the HTTP client, not the server: this module's test classpath is a user's
 * (plus test tools), and the ITs run {@link FakeMailContainer#client()} on it against the image.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ClientClasspathTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "io.undertow.Undertow",        // the inspector's server side, optional in fakemail-http-inspector
      "org.xnio.Xnio",               // Undertow's I/O layer
      "dev.fakemail.server.Main",    // the standalone program lives in the image only
      "picocli.CommandLine",         // its command line parser
  })
  void serverLibrariesAreNotOnTheClasspath(String className) {
    assertThatThrownBy(() -> Class.forName(className)).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void clientLoadsWithoutUndertow() {
    MailInspector client = FakeMailClient.connect(URI.create("http://localhost:8025"), "token");
    assertThat(client).isInstanceOf(FakeMailClient.class);
    assertThat(((FakeMailClient) client).baseUri()).hasToString("http://localhost:8025/");
  }
}
