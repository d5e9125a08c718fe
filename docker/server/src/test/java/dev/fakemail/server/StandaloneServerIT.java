package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runnable jar as a user runs it: lines per listener, ready, SMTP works, SIGTERM stops it, errors are clear. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneServerIT {
  static final Path JAR = Path.of("target", "fakemail-server.jar");

  static Process start(String... args) throws IOException {
    assertThat(JAR).as("the runnable jar (mvn package builds it)").exists();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return quiet(new ProcessBuilder(cmd)).start();
  }

  /**
   * Every listener off by default (through the environment, which the command line overrides), so
   * a test starts only the listeners it names, each on a free port, and never binds a fixed one.
   */
  static ProcessBuilder quiet(ProcessBuilder pb) {
    for (String l : List.of("SMTP", "SUBMISSION", "SMTPS", "POP3", "POP3S", "IMAP", "IMAPS", "HTTP", "DNS")) {
      pb.environment().put("FAKEMAIL_" + l + "_PORT", "off");
    }
    return pb;
  }

  /** Reads stdout up to "ready" and returns listener id → port. */
  static Map<String, Integer> readUntilReady(Process p) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Map<String, Integer> ports = new LinkedHashMap<>();
    String line;
    while ((line = r.readLine()) != null) {
      if (line.equals("ready")) {
        return ports;
      }
      String[] f = line.trim().split("\\s+");
      ports.put(f[0], Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1)));
    }
    throw new AssertionError("no 'ready' line; stderr: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  static String smtpConversation(int port, String... commands) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder transcript = new StringBuilder(in.readLine()).append('\n');
      boolean data = false;
      for (String c : commands) {
        s.getOutputStream().write((c + "\r\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        if (data && !c.equals(".")) {
          continue; // message content: no reply until the final dot
        }
        data = c.equals("DATA");
        String line;
        do {
          line = in.readLine();
          transcript.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
      }
      return transcript.toString();
    }
  }

  @Test
  void printsEachListenerThenReadyAcceptsMailAndStopsOnSigterm() throws Exception {
    Process p = start("--smtp-port", "0", "--submission-port", "0", "--smtps-port", "0", "--http-port", "0");
    try {
      Map<String, Integer> ports = readUntilReady(p);
      assertThat(ports).containsOnlyKeys("smtp", "submission", "smtps", "http");
      assertThat(ports.values()).allMatch(port -> port > 0);

      String t = smtpConversation(ports.get("smtp"), "EHLO it.test", "MAIL FROM:<a@it.test>", "RCPT TO:<b@it.test>",
          "DATA", "Subject: standalone", "", "hello", ".", "QUIT");
      assertThat(t).contains("250 2.0.0 Ok: queued as").contains("221 2.0.0 Bye");
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + ports.get("http")
              + "/api/v1/messages?subject=standalone")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).contains("\"total\":1");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void offDoesNotStartAListener() throws Exception {
    Process p = start("--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off");
    try {
      assertThat(readUntilReady(p)).containsOnlyKeys("smtp");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  @Test
  void badOptionExitsWithUsageError() throws Exception {
    Process p = start("--smtp-port", "lots");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("not a port");
  }

  @Test
  void portInUseExitsWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Process p = start("--smtp-port", String.valueOf(taken.getLocalPort()), "--submission-port", "0", "--smtps-port", "0");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("cannot bind smtp").contains(String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void httpPortInUseExitsWithAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Process p = start("--smtp-port", "0", "--http-port", String.valueOf(taken.getLocalPort()));
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("cannot start http").contains(String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void environmentVariablesConfigureOptions() throws Exception {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    ProcessBuilder pb = quiet(new ProcessBuilder(cmd));
    pb.environment().put("FAKEMAIL_SMTP_PORT", "0");
    pb.environment().put("FAKEMAIL_SUBMISSION_PORT", "off");
    pb.environment().put("FAKEMAIL_SMTPS_PORT", "off");
    pb.environment().put("FAKEMAIL_HOSTNAME", "mx.env.test");
    Process p = pb.start();
    try {
      Map<String, Integer> ports = readUntilReady(p);
      assertThat(ports).containsOnlyKeys("smtp");
      assertThat(smtpConversation(ports.get("smtp"), "QUIT")).startsWith("220 mx.env.test");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    assertThat(Files.exists(JAR)).isTrue();
  }
}
