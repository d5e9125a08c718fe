package dev.fakemail.inspector;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event stream's unsent events are bounded: a subscriber that never reads is dropped once its
 * queue is full, instead of the server keeping every event for it; one that reads stays.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SlowEventStreamIT {

  @Test
  void aSubscriberThatNeverReadsIsDroppedPastTheQueueBound() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).maxQueuedEvents(100).start();
         Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(1024);
      stalled.connect(new InetSocketAddress(http.host(), http.port()));
      stalled.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = stalled.getInputStream();
      assertThat(RawHttp.line(in)).startsWith("HTTP/1.1 200");
      await().atMost(Duration.ofSeconds(10)).until(() -> http.eventSubscribers() == 1);

      // Events until the socket's buffers are full and 100 more wait: the stream is then dropped.
      for (int i = 0; i < 2_000_000 && http.eventSubscribers() > 0; i++) {
        ServerInternals.of(mail).store().clear(); // one "cleared" event each
      }

      assertThat(http.eventSubscribers()).as("the stalled subscriber is gone").isZero();
      byte[] sink = new byte[8192];
      stalled.setSoTimeout(20_000);
      while (in.read(sink) >= 0) {
        // what had been sent before the drop, then the end of the stream
      }
    }
  }
}
