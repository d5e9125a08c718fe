package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.client.FakeMailClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long polls hold no thread: 5,000 of them wait at once while {@code /health} and the rest of the
 * API answer, each is answered by its own message, and a client that leaves drops its wait at once.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ManyLongPollsIT {
  private static final int WAITERS = 5_000;
  /** "Not frozen", not a performance figure (those are in benchmarks/). */
  private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void fiveThousandWaitsLeaveTheApiAnsweringAndEachIsAnsweredByItsOwnMessage() throws Exception {
    assumeDescriptors(2 * WAITERS + 1_000);
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      List<Socket> waiters = new ArrayList<>();
      try {
        for (int i = 0; i < WAITERS; i++) {
          waiters.add(RawHttp.get(http.host(), http.port(), "/api/v1/messages?to=w" + i + "@example.test&wait=200s"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> http.pendingWaits() == WAITERS);

        assertThat(quick(http, "health").statusCode()).isEqualTo(200);
        assertThat(quick(http, "api/v1/messages?limit=1").statusCode()).isEqualTo(200);
        assertThat(quick(http, "api/v1/mailboxes").statusCode()).isEqualTo(200);
        assertThat(quick(http, "api/v1/messages?to=nobody@example.test&wait=10ms").statusCode())
            .as("another long poll still runs its course").isEqualTo(200);

        TestMail smtp = new TestMail(mail.host(), mail.smtpPort());
        for (int first = 0; first < WAITERS; first += 1_000) {
          String to = IntStream.range(first, Math.min(WAITERS, first + 1_000))
              .mapToObj(i -> "w" + i + "@example.test").collect(Collectors.joining(","));
          smtp.text("sender@example.test", to, "batch " + first, "x");
        }

        for (int i = 0; i < WAITERS; i++) {
          RawHttp.Answer a = RawHttp.read(waiters.get(i));
          assertThat(a.status()).as("waiter %d", i).isEqualTo(200);
          assertThat(a.body()).as("waiter %d", i).contains("\"total\":1").contains("w" + i + "@example.test");
        }
        assertThat(http.pendingWaits()).isZero();
      } finally {
        for (Socket s : waiters) {
          s.close();
        }
      }
    }
  }

  @Test
  void aClosedClientsWaitIsDroppedAtOnce() throws Exception {
    int n = 500;
    assumeDescriptors(2 * n + 1_000);
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      List<Socket> waiters = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        waiters.add(RawHttp.get(http.host(), http.port(), "/api/v1/messages?to=nobody@example.test&wait=5m"));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> http.pendingWaits() == n);

      for (Socket s : waiters) {
        s.close();
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> http.pendingWaits() == 0);
      await().atMost(Duration.ofSeconds(20)).until(() -> http.openConnections() == 0);
      assertThat(quick(http, "health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPipelinedRequestBehindAWaitIsAnsweredAfterIt() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      try (Socket s = RawHttp.get(http.host(), http.port(), "/api/v1/messages?to=bob@example.test&wait=60s")) {
        await().atMost(Duration.ofSeconds(10)).until(() -> http.pendingWaits() == 1);
        s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes());
        s.getOutputStream().flush();

        new TestMail(mail.host(), mail.smtpPort()).text("a@example.test", "bob@example.test", "s", "x");

        RawHttp.Answer poll = RawHttp.read(s);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).contains("\"total\":1");
        RawHttp.Answer health = RawHttp.read(s);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
      }
    }
  }

  @Test
  void manyAwaitsOfOneFakeMailClientLeaveItsOtherCallsAnswering() throws Exception {
    int n = 300; // more than the worker threads a blocking wait would hold
    assumeDescriptors(2 * n + 1_000);
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      FakeMailClient remote = FakeMailClient.connect(http.baseUri());
      List<Future<ReceivedMessage>> awaits = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        MessageFilter mine = MessageFilter.to("c" + i + "@example.test");
        awaits.add(threads.submit(() -> remote.awaitMessage(mine, Duration.ofSeconds(100))));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> http.pendingWaits() == n);

      assertThat(CompletableFuture.supplyAsync(remote::isHealthy).get(ANSWERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(CompletableFuture.supplyAsync(() -> remote.messages(MessageFilter.any()))
          .get(ANSWERS_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();

      String to = IntStream.range(0, n).mapToObj(i -> "c" + i + "@example.test").collect(Collectors.joining(","));
      new TestMail(mail.host(), mail.smtpPort()).text("sender@example.test", to, "for all", "x");
      for (Future<ReceivedMessage> a : awaits) {
        assertThat(a.get(60, TimeUnit.SECONDS).subject()).isEqualTo("for all");
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private HttpResponse<byte[]> quick(FakeMailHttpServer http, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(http.baseUri().resolve(path)).timeout(ANSWERS_WITHIN).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static void assumeDescriptors(long needed) {
    boolean enough = !(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)
        || unix.getMaxFileDescriptorCount() >= needed;
    assumeTrue(enough, "needs at least " + needed + " file descriptors (ulimit -n) for the client and server sockets");
  }
}
