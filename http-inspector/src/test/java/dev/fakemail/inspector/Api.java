package dev.fakemail.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls against the inspector, for tests that check status, headers and JSON. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  Api(URI base) {
    this.base = base;
  }

  HttpRequest.Builder request(String path) {
    // the header the CSRF protection asks of state-changing requests without a JSON body
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).header("X-FakeMail-Request", "1");
  }

  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<byte[]> delete(String path) {
    return send(request(path).DELETE().build());
  }

  HttpResponse<byte[]> post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  HttpResponse<byte[]> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static String text(HttpResponse<byte[]> res) {
    return new String(res.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> res) {
    try {
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(res.body(), java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  static String contentType(HttpResponse<?> res) {
    return res.headers().firstValue("Content-Type").orElse("");
  }
}
