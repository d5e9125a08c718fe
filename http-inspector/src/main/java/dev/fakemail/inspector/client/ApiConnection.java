package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.inspector.internal.ApiPaths;
import dev.fakemail.inspector.internal.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP side of the client: requests with the bearer token, JSON in and out, and error statuses
 * turned into {@link FakeMailClientException}s that carry the server's reason.
 */
final class ApiConnection {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  /**
   * HTTP/1.1 (the server speaks nothing else, so no h2c upgrade is tried). The JDK client has no cap
   * on connections per host: each waiting call has a connection of its own and never takes another's.
   */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper mapper = JsonMapper.create();
  private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

  ApiConnection(URI base, String token) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.token = token == null || token.isBlank() ? null : token.trim();
  }

  URI base() {
    return base;
  }

  /** Sends a request with an optional JSON body and reads the answer as {@code type}; any error status throws. */
  <T> T call(String method, String path, Object body, Class<T> type) {
    HttpResponse<byte[]> res = exchange(method, path, body);
    check(res);
    return read(res.body(), type);
  }

  <T> T call(String method, String path, Object body, TypeReference<T> type) {
    HttpResponse<byte[]> res = exchange(method, path, body);
    check(res);
    try {
      return mapper.readValue(res.body(), type);
    } catch (IOException e) {
      throw unexpected(e);
    }
  }

  /** A request without a body whose 2xx answer carries nothing of interest; any error status throws. */
  void call(String method, String path) {
    check(exchange(method, path, null));
  }

  /** DELETE that answers 2xx (true) or 404 (false); other statuses throw. */
  boolean deleteIfPresent(String path) {
    HttpResponse<byte[]> res = exchange("DELETE", path, null);
    if (res.statusCode() == 404) {
      return false;
    }
    check(res);
    return true;
  }

  /** A request with an optional JSON body; the answer whatever its status. */
  HttpResponse<byte[]> exchange(String method, String path, Object body) {
    HttpRequest.Builder b = request(path, REQUEST_TIMEOUT);
    if (body == null) {
      // a request without a body carries the custom header the server's CSRF protection asks for
      b.header("X-FakeMail-Request", "1").method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] json;
      try {
        json = mapper.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
      }
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
    }
    return send(b.build());
  }

  /** GET with a timeout of its own (long polls). */
  HttpResponse<byte[]> get(String path, Duration timeout) {
    return send(request(path, timeout).GET().build());
  }

  /** True when {@code /health} answers UP; false when it does not or cannot be reached. */
  boolean healthy() {
    try {
      HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(base.resolve(ApiPaths.expand(ApiPaths.HEALTH))).timeout(REQUEST_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return res.statusCode() == 200 && "UP".equals(mapper.readTree(res.body()).path("status").asText());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  /** How many requests {@link #send} has made (the client's cost, for tests). */
  long requestCount() {
    return requests.get();
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    requests.incrementAndGet();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FakeMailClientException("cannot reach the fakemail API at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FakeMailClientException("interrupted while calling " + request.uri(), e);
    }
  }

  /** Throws for any status but 2xx, with the server's {@code error} text. */
  void check(HttpResponse<byte[]> res) {
    int status = res.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String detail;
    try {
      JsonNode n = mapper.readTree(res.body());
      detail = n.path("error").asText(new String(res.body(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      detail = new String(res.body(), StandardCharsets.UTF_8);
    }
    String hint = status == 401 ? " (the server needs a token: FakeMailClient.connect(uri, token))" : "";
    throw new FakeMailClientException(status, res.request().method() + " " + res.request().uri() + " answered " + status
        + ": " + detail + hint);
  }

  <T> T read(byte[] body, Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw unexpected(e);
    }
  }

  private FakeMailClientException unexpected(IOException e) {
    return new FakeMailClientException("unexpected answer from " + base + ": " + e.getMessage(), e);
  }

}
