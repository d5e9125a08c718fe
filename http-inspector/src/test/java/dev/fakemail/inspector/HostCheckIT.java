package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding protection over real sockets: requests whose {@code Host} is not a name of this
 * server get 403 naming {@code --allowed-host}; loopback binding serves only loopback names, binding
 * every interface (the image) also IP literals, service names and the host name. Every request goes
 * to 127.0.0.1; only the {@code Host} header differs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostCheckIT {
  private FakeMailServer mail;

  @BeforeEach
  void start() {
    mail = FakeMailServer.builder().hostname("mail.example.test").start();
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  /** The status line and body of {@code GET path} sent to 127.0.0.1 with this Host header. */
  static String get(FakeMailHttpServer http, String host, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void served(FakeMailHttpServer http, String host) throws IOException {
    assertThat(get(http, host, "/api/v1/messages")).as(host).startsWith("HTTP/1.1 200");
  }

  private static void refused(FakeMailHttpServer http, String host) throws IOException {
    String res = get(http, host, "/api/v1/messages");
    assertThat(res).as(host).startsWith("HTTP/1.1 403").contains("--allowed-host").contains("FAKEMAIL_ALLOWED_HOST")
        .doesNotContain("\"messages\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:%d", "localhost", "app.localhost:%d", "127.0.0.1:%d", "127.0.0.2:%d", "[::1]:%d"})
  void boundToLoopbackLoopbackNamesAreServed(String host) throws Exception {
    try (FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      served(http, String.format(host, http.port()));
    }
  }

  @Test
  void boundToLoopbackARebindingNameIsRefusedOnEveryRoute() throws Exception {
    try (FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      for (String name : new String[] {"rebind.attacker.example:" + http.port(), "mail:" + http.port(), "mail.example.test",
          "10.1.2.3:" + http.port()}) {
        refused(http, name);
      }
      for (String path : new String[] {"/", "/app.js", "/health", "/api/v1/messages/1/raw", "/api/v1/events", "/openapi.json"}) {
        assertThat(get(http, "rebind.attacker.example", path)).as(path).startsWith("HTTP/1.1 403");
      }
    }
  }

  @Test
  void anAllowedHostIsServedAndStarTurnsTheCheckOff() throws Exception {
    try (FakeMailHttpServer http = FakeMailHttpServer.builder(mail).allowedHost("mail.dev.test").allowedHost("*.ci.example").start()) {
      served(http, "mail.dev.test:" + http.port());
      served(http, "runner-1.ci.example");
      refused(http, "rebind.attacker.example");
    }
    try (FakeMailHttpServer http = FakeMailHttpServer.builder(mail).allowedHost("*").start()) {
      served(http, "rebind.attacker.example:" + http.port());
    }
  }

  @Test
  void boundToEveryInterfaceIpLiteralsServiceNamesAndTheHostnameAreServed() throws Exception {
    try (FakeMailHttpServer http = FakeMailHttpServer.builder(mail).bindAddress("0.0.0.0").start()) {
      served(http, "localhost:" + http.port());            // Testcontainers, docker run -p
      served(http, "172.17.0.1:" + http.port());           // the docker host's address
      served(http, "mail:8025");                            // a Compose service name
      served(http, "fakemail:8025");                        // a GitHub Actions service container
      served(http, "mail.example.test:8025");               // --hostname
      served(http, "[fd00::2]:8025");
      refused(http, "rebind.attacker.example:" + http.port());
      refused(http, "mail.attacker.example");
    }
  }

  @Test
  void theJavaClientAndThePageKeepWorking() throws Exception {
    try (FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      assertThat(dev.fakemail.inspector.client.FakeMailClient.connect(http.baseUri()).isHealthy()).isTrue();
      assertThat(get(http, "127.0.0.1:" + http.port(), "/")).startsWith("HTTP/1.1 200").contains("<html");
    }
  }

  @Test
  void badAllowedHostsAreRefusedByTheBuilder() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeMailHttpServer.builder(mail).allowedHost("http://x.test/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without scheme or port");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeMailHttpServer.builder(mail).allowedOrigin("x.test"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme://host");
  }
}
