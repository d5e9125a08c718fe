package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fakemail.core.AwaitFailure;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.inspector.internal.json.ClockAdvanceJson;
import dev.fakemail.inspector.internal.json.ClockJson;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.DeliveryListJson;
import dev.fakemail.inspector.internal.json.DnsRecordJson;
import dev.fakemail.inspector.internal.json.MessageJson;
import dev.fakemail.inspector.internal.json.MessageListJson;
import dev.fakemail.inspector.internal.json.MessageSummaryJson;
import dev.fakemail.inspector.internal.json.RemovedJson;
import dev.fakemail.inspector.internal.json.SessionJson;
import dev.fakemail.inspector.internal.json.UserJson;
import dev.fakemail.inspector.internal.json.UserRequestJson;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The same questions as {@link dev.fakemail.core.FakeMailServer}, asked over the HTTP inspection API
 * of a server elsewhere (another process, a container); and the same ways to steer it: fault rules,
 * the simulated DNS and clock, declared users. Uses only {@code java.net.http} and Jackson.
 *
 * <pre>{@code
 * FakeMailClient mail = FakeMailClient.connect(URI.create("http://127.0.0.1:8025"));
 * mail.faults().add(Faults.mailboxFull("bob@example.test"));
 * ReceivedMessage m = mail.awaitMessage(MessageFilter.to("alice@example.test"));
 * }</pre>
 *
 * <p>Messages are rebuilt from their exact bytes ({@code /raw}), so they parse exactly as they do
 * in-process. Waiting is the server's long poll: no polling loop here. An error answer throws a
 * {@link FakeMailClientException} with the server's reason.
 */
public final class FakeMailClient implements MailInspector {
  /** The longest one long poll asks the server to hold; longer waits are made of several. */
  static final Duration MAX_POLL = Duration.ofMinutes(5);
  private static final Duration REQUEST_TIMEOUT = ApiConnection.REQUEST_TIMEOUT;
  private static final int FAILURE_SAMPLE = 50;
  private static final TypeReference<List<DnsRecordJson>> DNS_RECORDS = new TypeReference<>() {};
  private static final TypeReference<List<UserJson>> USERS = new TypeReference<>() {};
  private static final TypeReference<List<SessionJson>> SESSIONS = new TypeReference<>() {};

  private final ApiConnection api;

  private FakeMailClient(URI base, String token) {
    this.api = new ApiConnection(base, token);
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
    return api.base();
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
    HttpResponse<byte[]> res = api.get("api/v1/messages/" + encode(id), REQUEST_TIMEOUT);
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    api.check(res);
    MessageJson json = api.read(res.body(), MessageJson.class);
    return raw(json.id()).map(bytes -> json.authentication() == null
        ? ReceivedMessage.of(json.id(), json.receivedAt(), json.envelope().toEnvelope(), json.session().toSessionInfo(), bytes)
        : ReceivedMessage.of(json.id(), json.receivedAt(), json.envelope().toEnvelope(), json.session().toSessionInfo(), bytes,
            json.authentication().toAuthentication()));
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
        + " [via " + api.base() + "]");
  }

  @Override
  public void purge() {
    api.call("DELETE", "api/v1/messages");
  }

  @Override
  public boolean delete(String id) {
    return api.deleteIfPresent("api/v1/messages/" + encode(id));
  }

  // ---- beyond MailInspector ----

  /** The exact bytes of a message as received, or empty when there is no such message. */
  public Optional<byte[]> raw(String id) {
    HttpResponse<byte[]> res = api.get("api/v1/messages/" + encode(id) + "/raw", REQUEST_TIMEOUT);
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    api.check(res);
    return Optional.of(res.body());
  }

  /**
   * Clears messages, sessions, fault rules and the delivery log; users and DNS records back to the
   * server's start-up configuration.
   */
  public void reset() {
    api.call("POST", "api/v1/reset");
  }

  /**
   * The recent SMTP, POP3 and IMAP sessions with their transcripts (credentials masked, message data
   * given by size), oldest first, as {@code FakeMailServer.sessions()} gives them; with listeners
   * named, only theirs.
   */
  public List<SessionRecord> sessions(Listener... listeners) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (Listener l : listeners) {
      q.add("listener=" + l.id());
    }
    return api.call("GET", "api/v1/sessions" + q, null, SESSIONS).stream().map(SessionJson::toSessionRecord).toList();
  }

  /** True when {@code /health} answers UP. */
  public boolean isHealthy() {
    return api.healthy();
  }

  // ---- fault rules ----

  /** The server's fault rules, with the same methods as {@code FakeMailServer.faults()}. */
  public RemoteFaults faults() {
    return new RemoteFaults(api);
  }

  // ---- simulated DNS and clock, delivery log ----

  /** Adds a record in the form {@code name TYPE value} ({@code far.test MX 10 mx.far.test}); returns it as stored. */
  public DnsRecord addDnsRecord(String record) {
    Objects.requireNonNull(record, "record");
    return api.call("POST", "api/v1/dns/records", new DnsRecordJson(null, null, null, null, record), DnsRecordJson.class)
        .toDnsRecord();
  }

  /** Adds a record; returns it as stored. */
  public DnsRecord addDnsRecord(DnsRecord record) {
    Objects.requireNonNull(record, "record");
    return api.call("POST", "api/v1/dns/records", DnsRecordJson.of(record), DnsRecordJson.class).toDnsRecord();
  }

  /** Every record of the simulated DNS, grouped by name. */
  public List<DnsRecord> dnsRecords() {
    return api.call("GET", "api/v1/dns/records", null, DNS_RECORDS).stream().map(DnsRecordJson::toDnsRecord).toList();
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
    HttpResponse<byte[]> res = api.exchange("DELETE", "api/v1/dns/records?" + query, null);
    if (res.statusCode() == 404) {
      return 0;
    }
    api.check(res);
    return api.read(res.body(), RemovedJson.class).removed();
  }

  /** Removes every record (the start-up records come back with {@link #reset()}); returns how many. */
  public int clearDnsRecords() {
    return api.call("DELETE", "api/v1/dns/records", null, RemovedJson.class).removed();
  }

  /** Moves the server's simulated clock forward (relay retries now due run); returns its new offset. */
  public Duration advanceClock(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; got " + amount);
    }
    ClockJson clock = api.call("POST", "api/v1/clock/advance", new ClockAdvanceJson(amount.toString()), ClockJson.class);
    return Duration.ofMillis(clock.offsetMs());
  }

  /** Every relay attempt (delivered, deferred, bounced), oldest first. */
  public List<DeliveryAttempt> deliveries() {
    return api.call("GET", "api/v1/deliveries", null, DeliveryListJson.class).deliveries().stream()
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
    UserJson u = api.call("POST", "api/v1/users", new UserRequestJson(address, password, login), UserJson.class);
    return new User(u.address(), u.login());
  }

  /** The declared users; empty when the server is in open mode. */
  public List<User> users() {
    return api.call("GET", "api/v1/users", null, USERS).stream().map(u -> new User(u.address(), u.login())).toList();
  }

  /** Removes a declared user; false when there was none with that address. */
  public boolean removeUser(String address) {
    Objects.requireNonNull(address, "address");
    return api.deleteIfPresent("api/v1/users/" + encode(address));
  }

  // ---- plumbing ----

  private MessageListJson list(String query, Duration timeout) {
    HttpResponse<byte[]> res = api.get("api/v1/messages?" + query, timeout);
    api.check(res);
    return api.read(res.body(), MessageListJson.class);
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

  private static String encode(String s) {
    return ApiConnection.encode(s);
  }

  @Override
  public String toString() {
    return "FakeMailClient[" + api.base() + "]";
  }
}
