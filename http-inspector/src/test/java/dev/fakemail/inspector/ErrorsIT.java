package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client's mistake is a JSON error with the right status, never a 500. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorsIT {
  private static FakeMailServer mail;
  private static FakeMailHttpServer http;
  private static Api api;

  @BeforeAll
  static void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    api = new Api(http.baseUri());
  }

  @AfterAll
  static void stop() {
    http.close();
    mail.close();
  }

  private static JsonNode error(HttpResponse<byte[]> res, int status) {
    assertThat(res.statusCode()).isEqualTo(status);
    assertThat(Api.contentType(res)).startsWith("application/json");
    JsonNode body = Api.json(res);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isNotBlank();
    return body;
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=-1", "limit=ten", "offset=-5", "offset=1.5", "since=yesterday", "since=2026-13-01T00:00:00Z",
      "wait=forever", "wait=-1s", "wait=10h", "wait=PT-5S", "min=0", "order=random", "limit=1&limit=2"})
  void badListParameterIs400(String query) {
    error(api.get("api/v1/messages?" + query), 400);
  }

  @Test
  void negativeLimitSaysWhatToFix() {
    assertThat(error(api.get("api/v1/messages?limit=-1"), 400).get("error").asText()).contains("limit");
  }

  @Test
  void unknownRouteIs404() {
    error(api.get("nothing/here"), 404);
    error(api.get("api/v1/nothing"), 404);
  }

  @Test
  void unknownMessageIdIs404OnEveryMessageRoute() {
    error(api.get("api/v1/messages/999"), 404);
    error(api.get("api/v1/messages/999/raw"), 404);
    error(api.get("api/v1/messages/999/html"), 404);
    error(api.get("api/v1/messages/999/attachments/0"), 404);
    error(api.delete("api/v1/messages/999"), 404);
  }

  @Test
  void pathLikeIdsAreNotFoundAndNeverReadFromDisk() {
    error(api.get("api/v1/messages/..%2F..%2Fetc%2Fpasswd/raw"), 404);
    error(api.get("api/v1/messages/%2Fetc%2Fpasswd"), 404);
  }

  @Test
  void wrongMethodIs405() {
    error(api.send(api.request("api/v1/messages").PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 405);
    error(api.send(api.request("api/v1/reset").GET().build()), 405);
    error(api.send(api.request("health").DELETE().build()), 405);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT api/v1/faults", "GET api/v1/faults/1", "POST api/v1/deliveries", "DELETE api/v1/deliveries",
      "PUT api/v1/dns/records", "GET api/v1/clock/advance", "PUT api/v1/users", "GET api/v1/users/a@b.test",
      "POST api/v1/users/a@b.test"})
  void wrongMethodOnTheSteeringRoutesIs405(String methodAndPath) {
    String[] p = methodAndPath.split(" ");
    error(api.send(api.request(p[1]).method(p[0], HttpRequest.BodyPublishers.ofString("{}")).build()), 405);
  }

  @Test
  void bodyPastTwoMebibytesIsAJson413Too() {
    String big = "{\"record\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
    error(api.postJson("api/v1/dns/records", big), 413);
    assertThat(mail.dns().records()).isEmpty();
  }

  @Test
  void oversizedBodyIs413() {
    byte[] big = new byte[2 * 1024 * 1024];
    error(api.send(api.request("api/v1/reset").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build()), 413);
  }
}
