package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.internal.json.MessageListJson;
import dev.fakemail.inspector.internal.json.MessageSummaryJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/messages}: the filters {@code to from subject text since}, the web page's
 * search {@code q} (recipient, sender or subject contains), {@code provider} (the relay service's HTTP
 * API a message came through, such as {@code sendgrid}; {@code smtp} for SMTP mail), paging
 * {@code limit offset order}, {@code include=raw} (each entry also carries the session, the
 * authentication verdict and the exact bytes: what a client needs, in one request), and the long poll {@code wait} + {@code min}, which holds the answer
 * (not a thread: see {@link PendingWaits}) until enough messages match or the wait ends. Runs in a
 * worker thread, in non-blocking mode, so that the exchange can be answered from another thread.
 */
public final class ListMessagesHandler implements HttpHandler {
  /** The longest a long poll may hold a request. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final Inspected in;

  public ListMessagesHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    QueryParams q = new QueryParams(exchange);
    MessageFilter filter = filter(q);
    int limit = q.integer("limit", Integer.MAX_VALUE, 0);
    int offset = q.integer("offset", 0, 0);
    boolean newestFirst = newestFirst(q);
    Optional<Duration> wait = q.duration("wait", MAX_WAIT);
    int min = q.integer("min", 1, 1);
    boolean withRaw = includeRaw(q);
    String authservId = in.server().config().hostname();

    Optional<String> search = q.one("q").map(v -> v.toLowerCase(Locale.ROOT));
    java.util.function.Predicate<ReceivedMessage> checks = verdicts(q); // checked before any wait
    Optional<String> provider = q.one("provider").map(v -> v.trim().toLowerCase(Locale.ROOT));
    if (provider.isPresent()) { // the relay service a message came through; "smtp" for the others
      String p = provider.get();
      java.util.function.Predicate<ReceivedMessage> viaProvider =
          m -> p.equals(m.session().viaProvider() ? m.session().provider() : "smtp");
      checks = checks == null ? viaProvider : checks.and(viaProvider);
    }
    java.util.function.Predicate<ReceivedMessage> verdicts = checks;
    Function<List<ReceivedMessage>, Object> answer = found -> page(found, search, verdicts, newestFirst, offset, limit,
        withRaw ? m -> MessageSummaryJson.withRaw(m, authservId) : MessageSummaryJson::of);

    if (wait.isPresent()) {
      // No thread waits: the exchange is answered by the store's signal or the wait's timer.
      in.waits().await(exchange, ServerInternals.of(in.server()).store(), filter, min, wait.get(), answer);
    } else {
      in.responses().json(exchange, answer.apply(in.server().messages(filter)));
    }
  }

  private static MessageListJson page(List<ReceivedMessage> found, Optional<String> search,
      java.util.function.Predicate<ReceivedMessage> verdicts, boolean newestFirst, int offset, int limit,
      Function<ReceivedMessage, MessageSummaryJson> entry) {
    if (search.isPresent()) {
      found = found.stream().filter(m -> mentions(m, search.get())).toList();
    }
    if (verdicts != null) {
      found = found.stream().filter(verdicts).toList();
    }
    if (newestFirst) {
      found = new ArrayList<>(found);
      Collections.reverse(found);
    }
    int from = Math.min(offset, found.size());
    int to = (int) Math.min((long) from + limit, found.size());
    List<MessageSummaryJson> page = found.subList(from, to).stream().map(entry).toList();
    return new MessageListJson(found.size(), page);
  }

  static MessageFilter filter(QueryParams q) {
    MessageFilter f = MessageFilter.any();
    for (String v : q.all("to")) {
      f = f.and(MessageFilter.to(v));
    }
    for (String v : q.all("from")) {
      f = f.and(MessageFilter.from(v));
    }
    for (String v : q.all("subject")) {
      f = f.and(MessageFilter.subject(v));
    }
    for (String v : q.all("text")) {
      f = f.and(MessageFilter.text(v));
    }
    Optional<java.time.Instant> since = q.instant("since");
    if (since.isPresent()) {
      f = f.and(MessageFilter.since(since.get()));
    }
    return f;
  }

  /**
   * The sender authentication filters {@code spf dkim dmarc}, each a result keyword
   * ({@code dmarc=fail}); null when none is given. Applied after a long poll's wait, like {@code q}.
   */
  static java.util.function.Predicate<ReceivedMessage> verdicts(QueryParams q) {
    java.util.function.Predicate<ReceivedMessage> p = null;
    for (String method : List.of("spf", "dkim", "dmarc")) {
      Optional<String> v = q.one(method);
      if (v.isPresent()) {
        String want = v.get().toLowerCase(Locale.ROOT);
        if (!List.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror").contains(want)) {
          throw ApiException.badRequest(method + " must be one of pass, fail, softfail, neutral, none, temperror, permerror,"
              + " got '" + v.get() + "'");
        }
        java.util.function.Predicate<ReceivedMessage> one = m -> m.authentication().result(method).keyword().equals(want);
        p = p == null ? one : p.and(one);
      }
    }
    return p;
  }

  /** The web page's search box: recipient, sender or subject contains the text (any case). */
  static boolean mentions(ReceivedMessage m, String lowerText) {
    if (m.subject().toLowerCase(Locale.ROOT).contains(lowerText)
        || m.envelope().from().toLowerCase(Locale.ROOT).contains(lowerText)
        || m.envelope().recipientAddresses().stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(lowerText))) {
      return true;
    }
    return Stream.of(m.from(), m.to(), m.cc()).flatMap(List::stream)
        .anyMatch(a -> a.toString().toLowerCase(Locale.ROOT).contains(lowerText));
  }

  private static boolean includeRaw(QueryParams q) {
    Optional<String> include = q.one("include");
    if (include.isEmpty()) {
      return false;
    }
    if (!include.get().equals("raw")) {
      throw ApiException.badRequest("include must be raw, got '" + include.get() + "'");
    }
    return true;
  }

  private static boolean newestFirst(QueryParams q) {
    String order = q.one("order").orElse("oldest");
    return switch (order) {
      case "oldest", "asc" -> false;
      case "newest", "desc" -> true;
      default -> throw ApiException.badRequest("order must be oldest or newest, got '" + order + "'");
    };
  }
}
