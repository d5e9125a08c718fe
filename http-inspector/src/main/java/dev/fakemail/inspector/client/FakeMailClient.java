package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fakemail.core.ClockControl;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DnsControl;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.User;
import dev.fakemail.core.internal.AwaitFailure;
import dev.fakemail.core.internal.CoreAccess;
import dev.fakemail.inspector.internal.ApiPaths;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.DeliveryListJson;
import dev.fakemail.inspector.internal.json.MessageJson;
import dev.fakemail.inspector.internal.json.MessageListJson;
import dev.fakemail.inspector.internal.json.MessageSummaryJson;
import dev.fakemail.inspector.internal.json.SessionJson;
import dev.fakemail.inspector.internal.json.UserJson;
import dev.fakemail.inspector.internal.json.UserRequestJson;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
 * <p>It is a {@link MailInspector}: a test written against that interface runs against an in-process
 * server or this client alike. Messages are rebuilt from their exact bytes, so they parse exactly as
 * they do in-process; a list of them, or a wait, is one request ({@code include=raw}). Waiting is the
 * server's long poll: no polling loop here. An error answer throws a {@link FakeMailClientException}
 * with the server's reason.
 */
public final class FakeMailClient implements MailInspector {
  /** The longest one long poll asks the server to hold; longer waits are made of several. */
  static final Duration MAX_POLL = Duration.ofMinutes(5);
  private static final Duration REQUEST_TIMEOUT = ApiConnection.REQUEST_TIMEOUT;
  private static final int FAILURE_SAMPLE = 50;
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

  // ---- messages ----

  @Override
  public List<ReceivedMessage> messages(MessageFilter filter) {
    return rebuild(list(query(filter), REQUEST_TIMEOUT).messages());
  }

  @Override
  public Optional<ReceivedMessage> message(String id) {
    Objects.requireNonNull(id, "id");
    HttpResponse<byte[]> res = api.get(ApiPaths.expand(ApiPaths.MESSAGE, id), REQUEST_TIMEOUT);
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    api.check(res);
    MessageJson json = api.read(res.body(), MessageJson.class);
    return raw(json.id()).map(bytes -> CoreAccess.get().message(json.id(), json.receivedAt(), json.envelope().toEnvelope(),
        json.session().toSessionInfo(), bytes, json.authentication() == null ? null : json.authentication().toAuthentication()));
  }

  @Override
  public List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    MessageListJson list = longPoll(filter, count, timeout);
    List<ReceivedMessage> matched = rebuild(list.messages());
    if (matched.size() >= count) {
      return matched;
    }
    MessageListJson newest = list("order=newest&limit=" + FAILURE_SAMPLE, REQUEST_TIMEOUT);
    throw new AssertionError(AwaitFailure.describe(filter, count, timeout, matched, rebuild(newest.messages()))
        + " [via " + api.base() + "]");
  }

  /** One long poll (several when the timeout is past the server's longest), no sample of other mail. */
  @Override
  public void assertNoMessages(MessageFilter filter, Duration within) {
    List<ReceivedMessage> found = rebuild(longPoll(filter, 1, within).messages());
    if (!found.isEmpty()) {
      throw new AssertionError("expected no message matching " + filter + " but got " + found.size() + ": "
          + found.stream().map(ReceivedMessage::summary).collect(java.util.stream.Collectors.joining("; "))
          + " [via " + api.base() + "]");
    }
  }

  private MessageListJson longPoll(MessageFilter filter, int count, Duration timeout) {
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
    return list;
  }

  @Override
  public void purge() {
    api.call("DELETE", ApiPaths.expand(ApiPaths.MESSAGES));
  }

  @Override
  public boolean delete(String id) {
    return api.deleteIfPresent(ApiPaths.expand(ApiPaths.MESSAGE, id));
  }

  /**
   * The exact bytes of a message as received.
   *
   * @param id the message's id
   * @return the bytes, or empty when there is no such message
   */
  public Optional<byte[]> raw(String id) {
    HttpResponse<byte[]> res = api.get(ApiPaths.expand(ApiPaths.MESSAGE_RAW, id), REQUEST_TIMEOUT);
    if (res.statusCode() == 404) {
      return Optional.empty();
    }
    api.check(res);
    return Optional.of(res.body());
  }

  // ---- the server's state ----

  @Override
  public void reset() {
    api.call("POST", ApiPaths.expand(ApiPaths.RESET));
  }

  @Override
  public List<SessionRecord> sessions() {
    return sessions(new Listener[0]);
  }

  /**
   * The recent sessions of some listeners only.
   *
   * @param listeners the listeners; none: all
   * @return their sessions, oldest first
   */
  public List<SessionRecord> sessions(Listener... listeners) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    for (Listener l : listeners) {
      q.add("listener=" + l.id());
    }
    return api.call("GET", ApiPaths.expand(ApiPaths.SESSIONS) + q, null, SESSIONS).stream()
        .map(SessionJson::toSessionRecord).toList();
  }

  @Override
  public List<DeliveryAttempt> deliveries() {
    return api.call("GET", ApiPaths.expand(ApiPaths.DELIVERIES), null, DeliveryListJson.class).deliveries().stream()
        .map(DeliveryJson::toDeliveryAttempt).toList();
  }

  /** @return true when {@code /health} answers UP */
  public boolean isHealthy() {
    return api.healthy();
  }

  /** The server's fault rules, with the same methods as {@code FakeMailServer.faults()}. */
  @Override
  public RemoteFaults faults() {
    return new RemoteFaults(api);
  }

  /** The server's simulated DNS: {@code client.dns().add("far.test MX 10 mx.far.test")}. */
  @Override
  public DnsControl dns() {
    return new RemoteDns(api);
  }

  /** The server's simulated clock: {@code client.clock().advance(Duration.ofMinutes(5))}. */
  @Override
  public ClockControl clock() {
    return new RemoteClock(api);
  }

  // ---- users ----

  /** The declared users; the server never sends a password back, so theirs is empty here. */
  @Override
  public List<User> users() {
    return api.call("GET", ApiPaths.expand(ApiPaths.USERS), null, USERS).stream()
        .map(u -> new User(u.address(), "", u.login())).toList();
  }

  @Override
  public void addUser(User user) {
    Objects.requireNonNull(user, "user");
    api.call("POST", ApiPaths.expand(ApiPaths.USERS), new UserRequestJson(user.address(), user.password(), user.login()),
        UserJson.class);
  }

  @Override
  public boolean removeUser(String address) {
    Objects.requireNonNull(address, "address");
    return api.deleteIfPresent(ApiPaths.expand(ApiPaths.USER, address));
  }

  // ---- plumbing ----

  private MessageListJson list(String query, Duration timeout) {
    HttpResponse<byte[]> res = api.get(ApiPaths.expand(ApiPaths.MESSAGES) + "?include=raw&" + query, timeout);
    api.check(res);
    return api.read(res.body(), MessageListJson.class);
  }

  /** Each entry of an {@code include=raw} list as a whole message, without asking again. */
  private static List<ReceivedMessage> rebuild(List<MessageSummaryJson> entries) {
    return entries.stream().map(s -> CoreAccess.get().message(s.id(), s.receivedAt(), s.envelope().toEnvelope(),
        s.session().toSessionInfo(), s.raw(), s.authentication() == null ? null : s.authentication().toAuthentication()))
        .toList();
  }

  /** @return how many HTTP requests this client has sent (for tests of its cost) */
  long requestCount() {
    return api.requestCount();
  }

  static String query(MessageFilter filter) {
    StringJoiner q = new StringJoiner("&");
    q.add("order=oldest");
    CoreAccess.Hooks h = CoreAccess.get();
    h.recipients(filter).forEach(v -> q.add("to=" + encode(v)));
    h.senders(filter).forEach(v -> q.add("from=" + encode(v)));
    h.subjects(filter).forEach(v -> q.add("subject=" + encode(v)));
    h.texts(filter).forEach(v -> q.add("text=" + encode(v)));
    h.since(filter).ifPresent(v -> q.add("since=" + encode(v.toString())));
    return q.toString();
  }

  private static String encode(String s) {
    return ApiPaths.encode(s);
  }

  @Override
  public String toString() {
    return "FakeMailClient[" + api.base() + "]";
  }
}
