package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static dev.fakemail.server.StandaloneServerIT.smtpConversation;
import static dev.fakemail.server.StandaloneServerIT.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.ExternalProgram;
import dev.fakemail.core.support.ExternalProgram.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's security options (issue 16): --allowed-host and the Host check, --allowed-origin,
 * --relay-network, their environment variables, and the README's CI script (curl) against it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StandaloneSecurityIT {

  private static void stop(Process p) throws InterruptedException {
    if (p != null) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /** The answer to a raw HTTP/1.1 request sent to 127.0.0.1 with this Host. */
  private static String http(int port, String method, String path, String host, String... headers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      req.append("Content-Length: 0\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void hostAndOriginChecksFollowTheOptionsAndTheirEnvironmentVariables() throws Exception {
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", StandaloneServerIT.JAR.toString(),
        "--smtp-port", "0", "--http-port", "0", "--allowed-host", "mail.dev.test")));
    pb.environment().put("FAKEMAIL_ALLOWED_ORIGIN", "https://mail.dev.example");
    Process p = pb.start();
    try {
      int port = readUntilReady(p).get("http");
      assertThat(http(port, "GET", "/api/v1/messages", "localhost:" + port)).startsWith("HTTP/1.1 200");
      assertThat(http(port, "GET", "/api/v1/messages", "mail.dev.test:" + port)).startsWith("HTTP/1.1 200");
      assertThat(http(port, "GET", "/api/v1/messages", "rebind.attacker.example:" + port)).startsWith("HTTP/1.1 403")
          .contains("--allowed-host rebind.attacker.example");
      assertThat(http(port, "GET", "/api/v1/messages", "mail:" + port)).as("bound to loopback: no service names")
          .startsWith("HTTP/1.1 403");

      assertThat(http(port, "POST", "/api/v1/reset", "localhost:" + port)).startsWith("HTTP/1.1 403")
          .contains("X-FakeMail-Request");
      assertThat(http(port, "POST", "/api/v1/reset", "localhost:" + port, "X-FakeMail-Request: 1", "Origin: http://evil.example"))
          .startsWith("HTTP/1.1 403").contains("--allowed-origin http://evil.example");
      assertThat(http(port, "POST", "/api/v1/reset", "mail.dev.test", "X-FakeMail-Request: 1", "Origin: https://mail.dev.example",
          "Sec-Fetch-Site: cross-site")).startsWith("HTTP/1.1 204");
    } finally {
      stop(p);
    }
  }

  @Test
  void boundToEveryInterfaceServiceNamesAndTheHostnameAreServed() throws Exception {
    Process p = start("--bind", "0.0.0.0", "--smtp-port", "0", "--http-port", "0", "--hostname", "mail.example.test");
    try {
      int port = readUntilReady(p).get("http");
      assertThat(http(port, "GET", "/health", "mail:8025")).startsWith("HTTP/1.1 200");
      assertThat(http(port, "GET", "/health", "mail.example.test:8025")).startsWith("HTTP/1.1 200");
      assertThat(http(port, "GET", "/health", "172.18.0.2:8025")).startsWith("HTTP/1.1 200");
      assertThat(http(port, "GET", "/health", "rebind.attacker.example:8025")).startsWith("HTTP/1.1 403");
    } finally {
      stop(p);
    }
  }

  @Test
  void theReadmesCiScriptWorks(@TempDir Path dir) throws Exception {
    ExternalProgram.require("curl");
    Process p = start("--http-port", "0", "--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off");
    try {
      Map<String, Integer> ports = readUntilReady(p);
      smtpConversation(ports.get("smtp"), "EHLO it.test", "MAIL FROM:<a@it.test>", "RCPT TO:<bob@example.test>", "DATA",
          "Subject: Welcome", "", "x", ".", "QUIT");
      String api = "http://localhost:" + ports.get("http");
      // the lines of README.md's GitHub Actions example and "From a shell", as written there
      String script = String.join("\n",
          "set -e",
          "curl -sf \"$MAIL_API/health\"",
          "curl -sf \"$MAIL_API/api/v1/messages?to=bob@example.test&subject=Welcome&wait=10s\" | grep -Eq '\"total\" ?: ?1'",
          "curl -sf -X POST -H 'X-FakeMail-Request: 1' \"$MAIL_API/api/v1/reset\"",
          "curl -sf -X DELETE -H 'X-FakeMail-Request: 1' \"$MAIL_API/api/v1/messages\"",
          "curl -sf \"$MAIL_API/api/v1/messages\" | grep -Eq '\"total\" ?: ?0'",
          "echo ok");
      Result r = ExternalProgram.run(List.of("bash", "-c", script), dir, Map.of("MAIL_API", api), 60);
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).endsWith("ok\n");
    } finally {
      stop(p);
    }
  }

  @Test
  void relayNetworkLetsThoseClientsRelayInStrictMode() throws Exception {
    String[] strict = {"--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off", "--user", "alice@corp.test:pw",
        "--local-domain", "corp.test", "--dns-record", "far.test MX 10 mx.far.test"};
    String[] conversation = {"EHLO it.test", "MAIL FROM:<app@corp.test>", "RCPT TO:<bob@far.test>", "QUIT"};
    Process closed = start(strict);
    try {
      assertThat(smtpConversation(readUntilReady(closed).get("smtp"), conversation))
          .contains("550 5.7.1 Relay access denied");
    } finally {
      stop(closed);
    }
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", StandaloneServerIT.JAR.toString()));
    cmd.addAll(List.of(strict));
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(cmd));
    pb.environment().put("FAKEMAIL_RELAY_NETWORK", "10.0.0.0/8,127.0.0.0/8");
    Process open = pb.start();
    try {
      assertThat(smtpConversation(readUntilReady(open).get("smtp"), conversation))
          .contains("250 2.1.5 Recipient <bob@far.test> ok").doesNotContain("5.7.1");
    } finally {
      stop(open);
    }
  }

  @Test
  void badValuesAreRefusedAtStartWithTheReason() throws Exception {
    Process p = start("--smtp-port", "0", "--http-port", "0", "--allowed-origin", "mail.dev.example");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("scheme://host");
    Process q = start("--smtp-port", "0", "--relay-network", "corp.example/24");
    assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(q.exitValue()).isNotZero();
    assertThat(new String(q.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("10.0.0.0/8");
  }
}
