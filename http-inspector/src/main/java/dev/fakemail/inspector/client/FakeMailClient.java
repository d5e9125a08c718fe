package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.core.AwaitFailure;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.internal.json.ClockAdvanceJson;
import dev.fakemail.inspector.internal.json.ClockJson;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.DeliveryListJson;
import dev.fakemail.inspector.internal.json.DnsRecordJson;
import dev.fakemail.inspector.internal.json.JsonMapper;
import dev.fakemail.inspector.internal.json.MessageJson;
import dev.fakemail.inspector.internal.json.MessageListJson;
import dev.fakemail.inspector.internal.json.MessageSummaryJson;
import dev.fakemail.inspector.internal.json.RemovedJson;
import dev.fakemail.inspector.internal.json.UserJson;
import dev.fakemail.inspector.internal.json.UserRequestJson;
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
  private static final TypeReference<List<DnsRecordJson>> DNS_RECORDS = new TypeReference<>() {};
  private static final TypeReference<List<UserJson>> USERS = new TypeReference<>() {};

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

  /**
   * Clears messages, sessions, fault rules and the delivery log; users and DNS records back to the
   * server's start-up configuration.
   */
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

  // ---- fault rules ----

  /** The server's fault rules, with the same methods as {@code FakeMailServer.faults()}. */
  public RemoteFaults faults() {
    return new RemoteFaults(this);
  }

  // ---- simulated DNS and clock ----

  /** Adds a record in the form {@code name TYPE value} ({@code far.test MX 10 mx.far.test}); returns it as stored. */
  public DnsRecord addDnsRecord(String record) {
    Objects.requireNonNull(record, "record");
    return call("POST", "api/v1/dns/records", new DnsRecordJson(null, null, null, null, record), DnsRecordJson.class)
        .toDnsRecord();
  }

  /** Adds a record; returns it as stored. */
  public DnsRecord addDnsRecord(DnsRecord record) {
    Objects.requireNonNull(record, "record");
    return call("POST", "api/v1/dns/records", DnsRecordJson.of(record), DnsRecordJson.class).toDnsRecord();
  }

  /** Every record of the simulated DNS, grouped by name. */
  public List<DnsRecord> dnsRecords() {
    return call("GET", "api/v1/dns/records", null, DNS_RECORDS).stream().map(DnsRecordJson::toDnsRecord).toList();
  }

  /**
   * Removes records as {@code SimulatedDns.remove} does: {@code "far.test"} all of that name,
   * {@code "far.test MX"} its MX records, {@code "far.test MX 10 mx.far.test"} just that one.
   * Returns how many were removed (0 when none matched).
   */
  public int removeDnsRecords(String spec) {
    String[] p = spec == null ? new String[0] : spec.strip().split("\\s+", 3);
    if (p.length == 0 || p[0].isEmpty()) {
      throw new IllegalArgumentException("expected 'name', 'name TYPE' or 'name TYPE value', got '" + spec + "'");
    }
    String query;
    if (p.length == 3) {
      DnsRecord r = DnsRecord.parse(spec);
      query = "name=" + encode(r.name()) + "&type=" + encode(r.type()) + "&value=" + encode(r.value());
    } else {
      query = "name=" + encode(p[0]) + (p.length == 2 ? "&type=" + encode(p[1]) : "");
    }
    HttpResponse<byte[]> res = exchange("DELETE", "api/v1/dns/records?" + query, null);
    if (res.statusCode() == 404) {
      return 0;
    }
    check(res);
    return read(res.body(), RemovedJson.class).removed();
  }

  /** Removes every record (the start-up records come back with {@link #reset()}); returns how many. */
  public int clearDnsRecords() {
    return call("DELETE", "api/v1/dns/records", null, RemovedJson.class).removed();
  }

  /** Moves the server's simulated clock forward (relay retries now due run); returns its new offset. */
  public Duration advanceClock(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    ClockJson clock = call("POST", "api/v1/clock/advance", new ClockAdvanceJson(amount.toString()), ClockJson.class);
    return Duration.ofMillis(clock.offsetMs());
  }

  /** Every relay attempt (delivered, deferred, bounced), oldest first. */
  public List<DeliveryAttempt> deliveries() {
    return call("GET", "api/v1/deliveries", null, DeliveryListJson.class).deliveries().stream()
        .map(DeliveryJson::toDeliveryAttempt).toList();
  }

  // ---- users ----

  /** A declared user as the server shows it: the address and the login name, never the password. */
  public record User(String address, String login) {}

  /** Declares a user (the server is strict from then on: unknown recipients get 550 5.1.1). */
  public User addUser(String address, String password) {
    return addUser(address, password, null);
  }

  /** Declares a user who logs in with {@code login} instead of the address. */
  public User addUser(String address, String password, String login) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(password, "password");
    UserJson u = call("POST", "api/v1/users", new UserRequestJson(address, password, login), UserJson.class);
    return new User(u.address(), u.login());
  }

  /** The declared users; empty when the server is in open mode. */
  public List<User> users() {
    return call("GET", "api/v1/users", null, USERS).stream().map(u -> new User(u.address(), u.login())).toList();
  }

  /** Removes a declared user; false when there was none with that address. */
  public boolean removeUser(String address) {
    Objects.requireNonNull(address, "address");
    return deleteAt("api/v1/users/" + encode(address));
  }

  // ---- plumbing ----

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
      throw new FakeMailClientException("unexpected answer from " + base + ": " + e.getMessage(), e);
    }
  }

  /** DELETE that answers 2xx (true) or 404 (false); other statuses throw. */
  boolean deleteAt(String path) {
    HttpResponse<byte[]> res = exchange("DELETE", path, null);
    if (res.statusCode() == 404) {
      return false;
    }
    check(res);
    return true;
  }

  private HttpResponse<byte[]> exchange(String method, String path, Object body) {
    HttpRequest.Builder b = request(path, REQUEST_TIMEOUT);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
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

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "FakeMailClient[" + base + "]";
  }
}
