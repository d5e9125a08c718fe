package dev.fakemail.inspector;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A listener whose event loop has died makes {@code /health} DOWN, naming it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerFailureHealthIT {

  @Test
  void healthIsDownAndNamesTheListenerWhoseLoopDied() {
    try (FakeMailServer mail = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3).start();
         FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
      Api api = new Api(http.baseUri());
      assertThat(api.get("health").statusCode()).isEqualTo(200);

      ServerInternals.of(mail).failListenerForTest(Listener.POP3);

      await().atMost(Duration.ofSeconds(10)).until(() -> api.get("health").statusCode() == 503);
      HttpResponse<byte[]> res = api.get("health");
      JsonNode body = Api.json(res);
      assertThat(body.get("status").asText()).isEqualTo("DOWN");
      assertThat(body.get("failed")).hasSize(1);
      assertThat(body.get("failed").get(0).asText()).isEqualTo("pop3");
      assertThat(ServerInternals.of(mail).failedListeners()).containsExactly(Listener.POP3);
    }
  }
}
