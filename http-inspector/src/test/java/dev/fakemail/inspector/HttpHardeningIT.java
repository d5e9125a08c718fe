package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP listener's own limits: a request's headers must arrive within the header timeout (a
 * slow drip is cut), idle connections close, and past the connection cap requests get 503 while
 * SMTP, POP3 and IMAP keep working.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpHardeningIT {

  @Test
  void aRequestWhoseHeadersDripSlowerThanTheHeaderTimeoutIsCut() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).headerTimeout(Duration.ofMillis(500))
             .idleTimeout(Duration.ofSeconds(60)).start();
         Socket s = new Socket(http.host(), http.port())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
      try {
        // One header byte every 50 ms: always busy, never done.
        drip.scheduleAtFixedRate(() -> {
          try {
            out.write('x');
          } catch (IOException closed) {
            throw new IllegalStateException(closed);
          }
        }, 0, 50, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        assertThat(RawHttp.closedByServer(s)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut by the timeout, not by the socket's")
            .isLessThan(Duration.ofSeconds(15));
      } finally {
        drip.shutdownNow();
      }
      assertThat(RawHttp.read(RawHttp.get(http.host(), http.port(), "/health")).status()).isEqualTo(200);
    }
  }

  @Test
  void anIdleKeepAliveConnectionAndAConnectionThatNeverAsksAreClosed() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).idleTimeout(Duration.ofMillis(500)).start();
         Socket keptAlive = RawHttp.get(http.host(), http.port(), "/health");
         Socket silent = new Socket(http.host(), http.port())) {
      silent.setSoTimeout(20_000);
      assertThat(RawHttp.read(keptAlive).status()).isEqualTo(200);

      assertThat(RawHttp.closedByServer(keptAlive)).isTrue();
      assertThat(RawHttp.closedByServer(silent)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> http.openConnections() == 0);
    }
  }

  @Test
  void aLongPollOutlastsTheIdleTimeout() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).idleTimeout(Duration.ofMillis(300)).start();
         Socket poll = RawHttp.get(http.host(), http.port(), "/api/v1/messages?to=nobody@example.test&wait=1500ms")) {
      RawHttp.Answer a = RawHttp.read(poll);
      assertThat(a.status()).as("a request in progress is not idle").isEqualTo(200);
      assertThat(a.body()).contains("\"total\":0");
    }
  }

  @Test
  void pastTheConnectionCapRequestsGet503WhileMailProtocolsKeepWorking() throws Exception {
    int cap = 20;
    try (FakeMailServer mail = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.IMAP).start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).maxConnections(cap).start()) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          held.add(RawHttp.get(http.host(), http.port(), "/api/v1/messages?to=nobody@example.test&wait=60s"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> http.pendingWaits() == cap);

        try (Socket over = RawHttp.get(http.host(), http.port(), "/health")) {
          RawHttp.Answer a = RawHttp.read(over);
          assertThat(a.status()).isEqualTo(503);
          assertThat(a.body()).contains("\"status\":503").contains("too many HTTP connections");
          assertThat(RawHttp.closedByServer(over)).as("the refused connection is closed").isTrue();
        }

        assertThat(greeting(mail.host(), mail.port(Listener.POP3))).startsWith("+OK");
        assertThat(greeting(mail.host(), mail.port(Listener.IMAP))).startsWith("* OK");
        new TestMail(mail.host(), mail.smtpPort()).text("a@example.test", "bob@example.test", "while saturated", "x");
        assertThat(mail.awaitMessage(dev.fakemail.core.MessageFilter.to("bob@example.test")).subject())
            .isEqualTo("while saturated");
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> http.openConnections() == 0);
      assertThat(RawHttp.read(RawHttp.get(http.host(), http.port(), "/health")).status()).isEqualTo(200);
    }
  }

  @Test
  void pastTheCapAndItsHeadroomConnectionsWaitToBeAccepted() throws Exception {
    int cap = 20;
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).maxConnections(cap).start()) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < cap + 60; i++) {
          held.add(new Socket(http.host(), http.port())); // the kernel completes the handshake either way
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> http.openConnections() >= cap);
        // 80 connections wait to be accepted: past the cap and its headroom, accepting stays paused.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
            .until(() -> http.openConnections() <= cap + 16);
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  private static String greeting(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      return RawHttp.line(in);
    }
  }
}
