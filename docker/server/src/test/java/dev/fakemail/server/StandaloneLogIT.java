package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Even the wire trace (--log-level trace) never shows a password, plain or base64. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneLogIT {
  static final String PASSWORD = "s3cret-Passw0rd";

  @Test
  void theTraceLogMasksCredentials(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", StandaloneServerIT.JAR.toString(), "--smtp-port", "0", "--log-level", "trace",
        "--user", "alice@corp.test:" + PASSWORD));
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(cmd)).redirectError(log.toFile());
    Process p = pb.start();
    try {
      Map<String, Integer> ports = StandaloneServerIT.readUntilReady(p);
      String plain = Base64.getEncoder().encodeToString(("\0alice@corp.test\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
      try (Socket s = new Socket("127.0.0.1", ports.get("smtp"))) {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        in.readLine();
        send(out, "EHLO client.test");
        String line;
        do {
          line = in.readLine();
        } while (line.charAt(3) == '-');
        send(out, "AUTH PLAIN " + plain);
        assertThat(in.readLine()).startsWith("235");
        send(out, "RSET");
        in.readLine();
        send(out, "QUIT");
        in.readLine();
      }
      try (Socket s = new Socket("127.0.0.1", ports.get("smtp"))) {
        s.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        in.readLine();
        send(out, "HELO client.test");
        in.readLine();
        send(out, "AUTH LOGIN");
        in.readLine();
        send(out, Base64.getEncoder().encodeToString("alice@corp.test".getBytes(StandardCharsets.UTF_8)));
        in.readLine();
        send(out, login);
        assertThat(in.readLine()).startsWith("235");
        send(out, "QUIT");
        in.readLine();
      }
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text).as("the trace shows the conversation").contains("C: AUTH PLAIN ****").contains("C: ****");
    assertThat(text).doesNotContain(PASSWORD);
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(("\0alice@corp.test\0" + PASSWORD)
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theTraceLogMasksPop3AndImapCredentials(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", StandaloneServerIT.JAR.toString(), "--pop3-port", "0", "--imap-port", "0", "--log-level", "trace",
        "--user", "alice@corp.test:" + PASSWORD));
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(cmd)).redirectError(log.toFile());
    Process p = pb.start();
    String plain = Base64.getEncoder().encodeToString(("\0alice@corp.test\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    try {
      Map<String, Integer> ports = StandaloneServerIT.readUntilReady(p);
      dialog(ports.get("pop3"), "USER alice@corp.test", "PASS " + PASSWORD, "QUIT");
      dialog(ports.get("pop3"), "AUTH PLAIN " + plain, "QUIT");
      dialog(ports.get("pop3"), "AUTH PLAIN", plain, "QUIT");
      dialog(ports.get("imap"), "a LOGIN alice@corp.test " + PASSWORD, "b LOGOUT");
      dialog(ports.get("imap"), "a LOGIN \"alice@corp.test\" {" + PASSWORD.length() + "}", PASSWORD, "b LOGOUT");
      dialog(ports.get("imap"), "a AUTHENTICATE PLAIN " + plain, "b LOGOUT");
      dialog(ports.get("imap"), "a AUTHENTICATE PLAIN", plain, "b LOGOUT");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text).as("the POP3 and IMAP traces show the conversations")
        .contains("C: PASS ****", "C: AUTH PLAIN ****", "C: a LOGIN alice@corp.test ****",
            "C: a LOGIN \"alice@corp.test\" ****", "C: a AUTHENTICATE PLAIN ****", "C: ****");
    assertThat(text).doesNotContain(PASSWORD);
    assertThat(text).doesNotContain(plain);
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The log level holds from the first line: the start's warm-up (Main's background set-up) makes no
   * logger before {@code --log-level} is applied; SLF4J's simple logger reads its level once, when the
   * first logger is made, so an early logger would fix INFO for the whole run.
   */
  @Test
  void theLogLevelHoldsFromTheStart(@TempDir Path dir) throws Exception {
    for (String level : List.of("info", "warn")) {
      Path log = dir.resolve(level + ".log");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", StandaloneServerIT.JAR.toString(), "--smtp-port", "0", "--http-port", "0", "--log-level", level);
      Process p = StandaloneServerIT.quiet(new ProcessBuilder(cmd)).redirectError(log.toFile()).start();
      try {
        StandaloneServerIT.readUntilReady(p);
      } finally {
        p.destroy();
        p.waitFor(20, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (level.equals("info")) {
        assertThat(text).as("at info").contains(" INFO ").contains("HTTP inspector listening");
      } else {
        assertThat(text).as("at warn").doesNotContain(" INFO ").doesNotContain(" DEBUG ");
      }
    }
  }

  /** Reads the greeting, then sends each line and reads up to its reply (skipping IMAP's untagged lines). */
  private static void dialog(int port, String... lines) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      in.readLine();
      for (String l : lines) {
        send(out, l);
        String reply;
        do {
          reply = in.readLine();
        } while (reply != null && reply.startsWith("* "));
        assertThat(reply).as("reply to %s", l.length() > 12 ? l.substring(0, 12) : l).doesNotStartWith("-ERR")
            .doesNotContain(" NO ").doesNotContain(" BAD ");
      }
    }
  }

  private static void send(OutputStream out, String line) throws Exception {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
