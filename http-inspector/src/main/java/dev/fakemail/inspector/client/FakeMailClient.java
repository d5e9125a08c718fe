package dev.fakemail.inspector.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.core.AwaitFailure;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.internal.json.JsonMapper;
import dev.fakemail.inspector.internal.json.MessageJson;
import dev.fakemail.inspector.internal.json.MessageListJson;
import dev.fakemail.inspector.internal.json.MessageSummaryJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The same questions as {@link dev.fakemail.core.FakeMailServer}, asked over the HTTP inspection API
 * of a server elsewhere (another process, a container). Uses only {@code java.net.http} and Jackson.
 *
 * <pre>{@code
 * MailInspector mail = FakeMailClient.connect(URI.create("http://127.0.0.1:8025"));
 * ReceivedMessage m = mail.awaitMessage(MessageFilter.to("bob@example.test"));
 * }</pre>
 *
 * <p>Messages are rebuilt from their exact bytes ({@code /raw}), so they parse exactly as they do
 * in-process. Waiting is the server's long poll: no polling loop here.
 */
public final class FakeMailClient implements MailInspector {
  /** The longest one long poll asks the server to hold; longer waits are made of several. */
  static final Duration MAX_POLL = Duration.ofMinutes(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int FAILURE_SAMPLE = 50;

  private final URI base;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper mapper = JsonMapper.create();

  private FakeMailClient(URI base, String token) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A client of the API at {@code baseUri}, such as {@code http://127.0.0.1:8025}. */
  public static FakeMailClient connect(URI baseUri) {
    return connect(baseUri, null);
  }

  /** A client that sends {@code Authorization: Bearer <token>} (the server's {@code --api-token}). */
  public static FakeMailClient connect(URI baseUri, String token) {
    Objects.requireNonNull(baseUri, "baseUri");
    if (!"http".equalsIgnoreCase(baseUri.getScheme()) && !"https".equalsIgnoreCase(baseUri.getScheme())) {
      throw new IllegalArgumentException("the inspector's base URI must be http(s)://host:port, got " + baseUri);
    }
    return new FakeMailClient(baseUri, token);
  }

  public URI baseUri() {
    return base;
  }

  // ---- MailInspector ----

  @Override
  public List<ReceivedMessage> messages(MessageFilter filter) {
    MessageListJson list = list(query(filter), REQUEST_TIMEOUT);
    return fetchAll(list.messages());
  }

  @Override
  public Optional<ReceivedMessage> message(String id) {
    Objects.requireNonNull(id, "id");
    HttpResponse<byte[]> res = send(get("api/v1/messages/" + encode(id), REQUEST_TIMEOUT));
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    check(res);
    MessageJson json = read(res.body(), MessageJson.class);
    return raw(json.id()).map(bytes -> ReceivedMessage.of(json.id(), json.receivedAt(), json.envelope().toEnvelope(),
        json.session().toSessionInfo(), bytes));
  }

  @Override
  public List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    Objects.requireNonNull(timeout, "timeout");
    Instant deadline = Instant.now().plus(timeout);
    MessageListJson list;
    do {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative()) {
        left = Duration.ZERO;
      }
      Duration poll = left.compareTo(MAX_POLL) > 0 ? MAX_POLL : left;
      list = list(query(filter) + "&wait=" + poll.toMillis() + "ms&min=" + count, poll.plus(REQUEST_TIMEOUT));
    } while (list.total() < count && Instant.now().isBefore(deadline));
    if (list.total() >= count) {
      List<ReceivedMessage> found = fetchAll(list.messages());
      if (found.size() >= count) {
        return found;
      }
    }
    List<ReceivedMessage> matched = fetchAll(list.messages());
    MessageListJson newest = list("order=newest&limit=" + FAILURE_SAMPLE, REQUEST_TIMEOUT);
    throw new AssertionError(AwaitFailure.describe(filter, count, timeout, matched, fetchAll(newest.messages()))
        + " [via " + base + "]");
  }

  @Override
  public void purge() {
    check(send(request("api/v1/messages", REQUEST_TIMEOUT).DELETE().build()));
  }

  @Override
  public boolean delete(String id) {
    HttpResponse<byte[]> res = send(request("api/v1/messages/" + encode(id), REQUEST_TIMEOUT).DELETE().build());
    if (res.statusCode() == 404) {
      return false;
    }
    check(res);
    return true;
  }

  // ---- beyond MailInspector ----

  /** The exact bytes of a message as received, or empty when there is no such message. */
  public Optional<byte[]> raw(String id) {
    HttpResponse<byte[]> res = send(get("api/v1/messages/" + encode(id) + "/raw", REQUEST_TIMEOUT));
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    check(res);
    return Optional.of(res.body());
  }

  /** Clears messages and sessions; users back to the server's start-up configuration. */
  public void reset() {
    check(send(request("api/v1/reset", REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build()));
  }

  /** True when {@code /health} answers UP. */
  public boolean isHealthy() {
    try {
      HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(base.resolve("health")).timeout(REQUEST_TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return res.statusCode() == 200 && "UP".equals(mapper.readTree(res.body()).path("status").asText());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ---- plumbing ----

  private MessageListJson list(String query, Duration timeout) {
    HttpResponse<byte[]> res = send(get("api/v1/messages?" + query, timeout));
    check(res);
    return read(res.body(), MessageListJson.class);
  }

  /** Each summary as a whole message; one that was deleted meanwhile is left out. */
  private List<ReceivedMessage> fetchAll(List<MessageSummaryJson> summaries) {
    List<ReceivedMessage> out = new ArrayList<>(summaries.size());
    for (MessageSummaryJson s : summaries) {
      message(s.id()).ifPresent(out::add);
    }
    return out;
  }

  static String query(MessageFilter filter) {
    StringJoiner q = new StringJoiner("&");
    q.add("order=oldest");
    filter.recipients().forEach(v -> q.add("to=" + encode(v)));
    filter.senders().forEach(v -> q.add("from=" + encode(v)));
    filter.subjects().forEach(v -> q.add("subject=" + encode(v)));
    filter.texts().forEach(v -> q.add("text=" + encode(v)));
    filter.sinceInstant().ifPresent(v -> q.add("since=" + encode(v.toString())));
    return q.toString();
  }

  private HttpRequest get(String path, Duration timeout) {
    return request(path, timeout).GET().build();
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FakeMailClientException("cannot reach the fakemail API at " + base + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FakeMailClientException("interrupted while calling " + request.uri(), e);
    }
  }

  private void check(HttpResponse<byte[]> res) {
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

  private <T> T read(byte[] body, Class<T> type) {
    try {
      return mapper.readValue(body, type);
    } catch (IOException e) {
      throw new FakeMailClientException("unexpected answer from " + base + ": " + e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "FakeMailClient[" + base + "]";
  }
}
