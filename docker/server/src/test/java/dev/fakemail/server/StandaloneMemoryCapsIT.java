package dev.fakemail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standalone jar with its default caps on small heaps (and {@code -XX:+ExitOnOutOfMemoryError},
 * so that running out of heap ends the process and fails the test): the memory budget derived from
 * the heap answers {@code 452 4.3.1} before the heap runs out, and afterwards SMTP, POP3, IMAP and
 * {@code /health} still serve.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class StandaloneMemoryCapsIT {
  private Process process;
  private Path stderr;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private Map<String, Integer> start(String heap) throws IOException {
    assertThat(StandaloneServerIT.JAR).as("the runnable jar (mvn package builds it)").exists();
    stderr = Files.createTempFile(Path.of("target"), "memory-caps-it", ".log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
        "-XX:+ExitOnOutOfMemoryError", "-jar", StandaloneServerIT.JAR.toString(), "--log-level", "warn",
        "--smtp-port", "0", "--pop3-port", "0", "--imap-port", "0", "--http-port", "0");
    process = StandaloneServerIT.quiet(new ProcessBuilder(cmd)).redirectError(stderr.toFile()).start();
    return StandaloneServerIT.readUntilReady(process);
  }

  @Test
  void oneHundredThousandDistinctRecipientsAgainstA128MegabyteHeapGet452AndEveryProtocolStillServes() throws Exception {
    Map<String, Integer> ports = start("-Xmx128m");
    int smtp = ports.get("smtp");
    int accepted = 0;
    int refused = 0;
    int stored = 0;
    try (Socket s = new Socket("127.0.0.1", smtp)) {
      s.setSoTimeout(30_000);
      BufferedReader in = reader(s);
      OutputStream out = s.getOutputStream();
      assertThat(reply(in)).startsWith("220 ");
      assertThat(command(out, in, "EHLO load.test")).startsWith("250 ");
      for (int t = 0; t < 100 && refused < 3_000; t++) { // 100 transactions × 1,000 new recipients, RCPTs pipelined
        StringBuilder batch = new StringBuilder("RSET\r\nMAIL FROM:<load@load.test>\r\n");
        for (int r = 0; r < 1000; r++) {
          batch.append("RCPT TO:<user").append(t * 1000 + r).append("@many.test>\r\n");
        }
        batch.append("DATA\r\n");
        out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(reply(in)).startsWith("250 "); // RSET
        assertThat(reply(in)).startsWith("250 "); // MAIL
        for (int r = 0; r < 1000; r++) {
          String rcpt = reply(in);
          if (rcpt.startsWith("250 ")) {
            accepted++;
          } else {
            assertThat(rcpt).startsWith("452 4.3.1");
            refused++;
          }
        }
        String data = reply(in);
        if (data.startsWith("354 ")) {
          String end = command(out, in, "Subject: tiny\r\n\r\nhi\r\n.");
          assertThat(end).matches("(250|452) .*");
          stored += end.startsWith("250 ") ? 1 : 0;
        } else {
          assertThat(data).startsWith("554 "); // no valid recipients
        }
      }
      command(out, in, "QUIT");
    }
    assertThat(refused).as("new recipients refused with 452 4.3.1 once the budget is spent").isPositive();
    assertThat(accepted).as("recipients accepted before (mailboxes of ~2.4 KB in a 57 MiB budget)").isBetween(10_000, 30_000);
    assertThat(stored).isPositive();
    assertStillServing(ports, "user0@many.test");
  }

  @Test
  void fourClientsOf200KilobyteMessagesAgainstA64MegabyteHeapGet452AndEveryProtocolStillServes() throws Exception {
    Map<String, Integer> ports = start("-Xmx64m");
    int smtp = ports.get("smtp");
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    byte[] message = message(200 * 1024);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int client = c;
        runs.add(clients.submit(() -> {
          sendUntilRefused(smtp, "sink" + client + "@load.test", message, accepted, refused);
          return null;
        }));
      }
      for (Future<?> f : runs) {
        f.get(100, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(refused.get()).as("each client ends on a 452 4.3.1").isEqualTo(4);
    assertThat(accepted.get()).as("200 KB messages stored in a 22 MiB budget").isBetween(60, 120);
    assertStillServing(ports, "sink0@load.test");
  }

  /** One session: 200 KB messages until one is refused with 452 (at most 300). */
  private static void sendUntilRefused(int port, String to, byte[] message, AtomicInteger accepted, AtomicInteger refused)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      BufferedReader in = reader(s);
      OutputStream out = s.getOutputStream();
      assertThat(reply(in)).startsWith("220 ");
      assertThat(command(out, in, "EHLO load.test")).startsWith("250 ");
      for (int i = 0; i < 300; i++) {
        String mail = command(out, in, "MAIL FROM:<load@load.test>");
        assertThat(mail).startsWith("250 ");
        String rcpt = command(out, in, "RCPT TO:<" + to + ">");
        if (rcpt.startsWith("452 4.3.1")) {
          refused.incrementAndGet();
          return;
        }
        assertThat(rcpt).startsWith("250 ");
        assertThat(command(out, in, "DATA")).startsWith("354 ");
        out.write(message);
        String end = command(out, in, ".");
        if (end.startsWith("452 4.3.1")) {
          refused.incrementAndGet();
          return;
        }
        assertThat(end).startsWith("250 ");
        accepted.incrementAndGet();
      }
      command(out, in, "QUIT");
    }
  }

  /** SMTP takes a message for a known recipient, POP3 and IMAP log in and read, /health is UP. */
  private void assertStillServing(Map<String, Integer> ports, String known) throws Exception {
    assertThat(process.isAlive()).as("server alive; stderr: " + Files.readString(stderr)).isTrue();
    String smtp = StandaloneServerIT.smtpConversation(ports.get("smtp"), "EHLO after.test", "MAIL FROM:<a@after.test>",
        "RCPT TO:<" + known + ">", "DATA", "Subject: after", "", "still here", ".", "QUIT");
    assertThat(smtp).contains("221 ");
    try (Socket s = new Socket("127.0.0.1", ports.get("pop3"))) {
      s.setSoTimeout(10_000);
      BufferedReader in = reader(s);
      OutputStream out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("+OK");
      assertThat(line(out, in, "USER " + known)).startsWith("+OK");
      assertThat(line(out, in, "PASS x")).startsWith("+OK");
      assertThat(line(out, in, "STAT")).startsWith("+OK ");
      assertThat(line(out, in, "QUIT")).startsWith("+OK");
    }
    try (Socket s = new Socket("127.0.0.1", ports.get("imap"))) {
      s.setSoTimeout(10_000);
      BufferedReader in = reader(s);
      OutputStream out = s.getOutputStream();
      assertThat(in.readLine()).startsWith("* OK");
      assertThat(imap(out, in, "a LOGIN " + known + " x")).startsWith("a OK");
      assertThat(imap(out, in, "b SELECT INBOX")).startsWith("b OK");
      assertThat(imap(out, in, "c LOGOUT")).startsWith("c OK");
    }
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("http") + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(process.isAlive()).as("server alive; stderr: " + Files.readString(stderr)).isTrue();
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
  }

  private static String line(OutputStream out, BufferedReader in, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return in.readLine();
  }

  /** Sends an IMAP command and returns its tagged completion. */
  private static String imap(OutputStream out, BufferedReader in, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String tag = line.substring(0, line.indexOf(' ') + 1);
    String l;
    do {
      l = in.readLine();
    } while (l != null && !l.startsWith(tag));
    return String.valueOf(l);
  }

  private static String command(OutputStream out, BufferedReader in, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return reply(in);
  }

  private static String reply(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return String.valueOf(line);
  }

  private static byte[] message(int octets) {
    StringBuilder b = new StringBuilder(octets + 100).append("Subject: load\r\n\r\n");
    String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY\r\n"; // 64 octets
    while (b.length() < octets) {
      b.append(line);
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
