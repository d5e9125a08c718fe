package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/v1/messages?wait=...&min=...}: held on the store's condition, never polled. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LongPollIT extends InspectorFixture {
  private final HttpClient client = HttpClient.newHttpClient();

  private CompletableFuture<HttpResponse<byte[]>> pollInFlight(String query) {
    CompletableFuture<HttpResponse<byte[]>> poll = client.sendAsync(
        api.request("api/v1/messages?" + query).timeout(Duration.ofSeconds(50)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    await().atMost(Duration.ofSeconds(10)).until(() -> http.activeRequests() == 1);
    assertThat(poll).isNotDone();
    return poll;
  }

  @Test
  void longPollReturnsAsSoonAsAMatchingMessageArrives() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> poll = pollInFlight("to=bob@example.test&wait=40s");

    smtp.text("alice@example.test", "carol@example.test", "not for bob", "x");
    mail.awaitMessage(to("carol@example.test"));
    assertThat(poll).as("a message for someone else does not end the wait").isNotDone();

    smtp.text("alice@example.test", "bob@example.test", "for bob", "x");
    HttpResponse<byte[]> res = poll.get(20, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode body = Api.json(res);
    assertThat(body.get("total").asInt()).isEqualTo(1);
    assertThat(body.get("messages").get(0).get("subject").asText()).isEqualTo("for bob");
  }

  @Test
  void longPollWithoutARecipientFilterIsAnsweredByAMatchingMessage() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> poll = pollInFlight("subject=invoice&wait=40s");

    smtp.text("alice@example.test", "carol@example.test", "a newsletter", "x");
    mail.awaitMessage(to("carol@example.test"));
    assertThat(poll).as("another subject does not end the wait").isNotDone();

    smtp.text("alice@example.test", "dave@example.test", "Your invoice", "x");
    JsonNode body = Api.json(poll.get(20, TimeUnit.SECONDS));

    assertThat(body.get("total").asInt()).isEqualTo(1);
    assertThat(body.get("messages").get(0).get("subject").asText()).isEqualTo("Your invoice");
  }

  @Test
  void longPollWaitsUntilMinMessagesMatch() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "one", "x");
    mail.awaitMessage(to("bob@example.test"));
    CompletableFuture<HttpResponse<byte[]>> poll = pollInFlight("to=bob@example.test&wait=40s&min=2");

    smtp.text("alice@example.test", "bob@example.test", "two", "x");
    JsonNode body = Api.json(poll.get(20, TimeUnit.SECONDS));

    assertThat(body.get("total").asInt()).isEqualTo(2);
  }

  @Test
  void longPollAnswersWhatMatchedWhenTheWaitEnds() {
    long start = System.nanoTime();
    HttpResponse<byte[]> res = api.get("api/v1/messages?to=nobody@example.test&wait=400ms");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.json(res).get("total").asInt()).isZero();
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void closingTheHttpServerDoesNotWaitForAPendingLongPoll() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> poll = pollInFlight("to=nobody@example.test&wait=5m");
    long start = System.nanoTime();

    http.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    Integer status = poll.handle((res, failure) -> res == null ? -1 : res.statusCode()).get(10, TimeUnit.SECONDS);
    assertThat(status).as("503, or the connection closed").isIn(503, -1);
  }

  @Test
  void longPollAnswersAtOnceWhenEnoughAlreadyMatch() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "there", "x");
    mail.awaitMessage(to("bob@example.test"));

    HttpResponse<byte[]> res = client.sendAsync(api.request("api/v1/messages?to=bob@example.test&wait=60s").GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()).get(20, TimeUnit.SECONDS);

    assertThat(Api.json(res).get("total").asInt()).isEqualTo(1);
  }
}
