package dev.fakemail.inspector;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 600 connections held open against SMTP (500 allowed per listener by default): the excess get
 * {@code 421} and are closed, while {@code /health} and sessions on another listener keep working;
 * once the flood is gone, SMTP takes new sessions again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionFloodIT {
  private static final int FLOOD = 600;
  private static final int LIMIT = 500;

  @Test
  void aFloodOf600ConnectionsGets421ForTheExcessAndLeavesHealthAndOtherListenersWorking() throws IOException {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    assumeTrue(!(os instanceof UnixOperatingSystemMXBean unix) || unix.getMaxFileDescriptorCount() >= 2000,
        "needs at least 2000 file descriptors (ulimit -n) for 600 client and 600 server sockets");
    try (FakeMailServer mail = FakeMailServer.builder().listeners(Listener.SMTP, Listener.SUBMISSION).maxConnections(LIMIT).start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      Api api = new Api(http.baseUri());
      List<Socket> flood = new ArrayList<>();
      try {
        for (int i = 0; i < FLOOD; i++) {
          Socket s = new Socket(mail.host(), mail.smtpPort());
          s.setSoTimeout(15_000);
          flood.add(s);
        }
        int greeted = 0;
        int refused = 0;
        for (Socket s : flood) {
          String first = readLine(s.getInputStream());
          if (first != null && first.startsWith("220 ")) {
            greeted++;
          } else {
            assertThat(first).startsWith("421 4.7.0");
            assertThat(readLine(s.getInputStream())).as("refused connection is closed").isNull();
            refused++;
          }
        }
        assertThat(greeted).isEqualTo(LIMIT);
        assertThat(refused).isEqualTo(FLOOD - LIMIT);

        HttpResponse<byte[]> health = api.get("health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Api.json(health).get("status").asText()).isEqualTo("UP");
        assertThat(session(mail.host(), mail.port(Listener.SUBMISSION))).startsWith("221 ");
      } finally {
        for (Socket s : flood) {
          s.close();
        }
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> ServerInternals.of(mail).openConnections() == 0);
      assertThat(session(mail.host(), mail.smtpPort())).startsWith("221 ");
      assertThat(Api.json(api.get("health")).get("status").asText()).isEqualTo("UP");
    }
  }

  /** A whole greeting / EHLO / QUIT session; returns the reply to QUIT. */
  private static String session(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(15_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      assertThat(readLine(in)).startsWith("220 ");
      out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
      String line;
      do {
        line = readLine(in);
      } while (line != null && line.startsWith("250-"));
      assertThat(line).startsWith("250 ");
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      return readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          return line.toString(StandardCharsets.US_ASCII).stripTrailing();
        }
        line.write(b);
      }
    } catch (SocketException reset) {
      // a reset is a close
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }
}
