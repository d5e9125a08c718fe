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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The standalone jar on a 128 MB heap, offered 200 MB of mail by four clients at once: the store
 * cap (by default the memory budget: 55% of the heap beyond 24 MiB, 57 MiB here) turns replies into {@code 452} before the heap
 * runs out, and the server stays up: new sessions are greeted and {@code /health} is UP.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandaloneMemoryIT {
  private static final int CLIENTS = 4;
  private static final int MESSAGES_PER_CLIENT = 50;
  private static final byte[] MEGABYTE_BODY = megabyteBody();

  @Test
  void twoHundredMegabytesOfferedToA128MegabyteHeapGet452AtTheCapAndTheServerStaysUp() throws Exception {
    Path stderr = Files.createTempFile(Path.of("target"), "memory-it", ".log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:+ExitOnOutOfMemoryError", "-jar", StandaloneServerIT.JAR.toString(), "--smtp-port", "0", "--http-port", "0");
    assertThat(StandaloneServerIT.JAR).as("the runnable jar (mvn package builds it)").exists();
    Process p = StandaloneServerIT.quiet(new ProcessBuilder(cmd)).redirectError(stderr.toFile()).start();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      Map<String, Integer> ports = StandaloneServerIT.readUntilReady(p);
      int smtp = ports.get("smtp");
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        runs.add(clients.submit(() -> {
          offer(smtp, accepted, refused);
          return null;
        }));
      }
      for (Future<?> f : runs) {
        f.get(90, TimeUnit.SECONDS);
      }
      assertThat(accepted.get() + refused.get()).isEqualTo(CLIENTS * MESSAGES_PER_CLIENT);
      assertThat(refused.get()).as("messages refused with 452 at the store cap").isGreaterThan(0);
      assertThat(accepted.get()).as("messages stored before the cap (57 MiB of 1 MiB messages)").isBetween(40, 70);
      assertThat(p.isAlive()).as("server alive; stderr: " + Files.readString(stderr)).isTrue();

      assertThat(StandaloneServerIT.smtpConversation(smtp, "EHLO after.test", "QUIT")).startsWith("220 ").contains("221 ");
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("http") + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("UP");
      HttpResponse<String> list = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("http") + "/api/v1/messages?limit=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(list.body()).contains("\"total\":" + accepted.get());
    } finally {
      clients.shutdownNow();
      p.destroyForcibly();
      p.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** One client, one session: 50 messages of 1 MiB, counting 250 and 452 replies. */
  private static void offer(int port, AtomicInteger accepted, AtomicInteger refused) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      assertThat(reply(in)).startsWith("220 ");
      assertThat(command(out, in, "EHLO load.test")).startsWith("250 ");
      for (int i = 0; i < MESSAGES_PER_CLIENT; i++) {
        String mail = command(out, in, "MAIL FROM:<load@load.test>");
        if (mail.startsWith("452 ")) {
          refused.incrementAndGet();
          continue;
        }
        assertThat(mail).startsWith("250 ");
        assertThat(command(out, in, "RCPT TO:<sink@load.test>")).startsWith("250 ");
        assertThat(command(out, in, "DATA")).startsWith("354 ");
        out.write(MEGABYTE_BODY);
        String end = command(out, in, ".");
        if (end.startsWith("452 4.3.1")) {
          refused.incrementAndGet();
        } else {
          assertThat(end).startsWith("250 ");
          accepted.incrementAndGet();
        }
      }
      command(out, in, "QUIT");
    }
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

  private static byte[] megabyteBody() {
    StringBuilder b = new StringBuilder(1024 * 1024 + 100).append("Subject: load\r\n\r\n");
    String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY\r\n"; // 64 octets
    for (int i = 0; i < 16 * 1024; i++) {
      b.append(line);
    }
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
