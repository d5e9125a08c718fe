package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.inspector.internal.BodyLimit;
import dev.fakemail.inspector.internal.ErrorMapper;
import dev.fakemail.inspector.internal.JsonBody;
import dev.fakemail.inspector.internal.Responses;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request-body reader that the POST routes (users, DNS records, faults) use, behind the same
 * body limit and error mapper as the inspector: malformed JSON is 400, a body past the limit 413.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonBodyIT {
  record Thing(String name, int count) {}

  private static Undertow server;
  private static Api api;

  @BeforeAll
  static void start() {
    Responses responses = new Responses();
    JsonBody body = new JsonBody(responses::mapper, 1024);
    server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(new BodyLimit(1024, new BlockingHandler(new ErrorMapper(ex -> {
          Thing t = body.read(ex, Thing.class);
          responses.json(ex, Map.of("name", t.name(), "count", t.count()));
        }, responses)), responses))
        .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    api = new Api(URI.create("http://127.0.0.1:" + port + "/"));
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private HttpResponse<byte[]> post(String contentType, HttpRequest.BodyPublisher body) {
    return api.send(api.request("things").header("Content-Type", contentType).POST(body).build());
  }

  @Test
  void wellFormedBodyIsRead() {
    HttpResponse<byte[]> res = post("application/json", HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"count\":3}"));
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.json(res).get("count").asInt()).isEqualTo(3);
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<byte[]> res = post("application/json", HttpRequest.BodyPublishers.ofString("{\"name\": "));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(Api.json(res).get("error").asText()).contains("JSON");
  }

  @Test
  void wrongTypesAndEmptyBodiesAre400() {
    assertThat(post("application/json", HttpRequest.BodyPublishers.ofString("{\"count\":\"many\"}")).statusCode()).isEqualTo(400);
    assertThat(post("application/json", HttpRequest.BodyPublishers.ofString("[1,2]")).statusCode()).isEqualTo(400);
    assertThat(post("application/json", HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(400);
    assertThat(post("application/json", HttpRequest.BodyPublishers.ofString("null")).statusCode()).isEqualTo(400);
    assertThat(post("text/plain", HttpRequest.BodyPublishers.ofString("{}")).statusCode()).isEqualTo(415);
  }

  @Test
  void declaredOversizedBodyIs413() {
    HttpResponse<byte[]> res = post("application/json", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(4000) + "\"}"));
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(Api.json(res).get("status").asInt()).isEqualTo(413);
  }

  @Test
  void chunkedOversizedBodyIs413() {
    String big = "{\"name\":\"" + "x".repeat(4000) + "\"}";
    HttpResponse<byte[]> res = post("application/json", HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes()))));
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(Stream.of(res.headers().firstValue("Content-Type").orElse(""))).allMatch(v -> v.startsWith("application/json"));
  }
}
