package dev.fakemail.inspector.internal;

import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.DeliveryListJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/deliveries}: the delivery log (every relay attempt: delivered, deferred,
 * bounced), oldest first, optionally only those of one {@code recipient} (any case), one
 * {@code outcome} or one {@code messageId}.
 */
public final class DeliveriesHandler implements HttpHandler {
  private final Inspected in;

  public DeliveriesHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Predicate<DeliveryAttempt> filter = filter(new QueryParams(exchange));
    List<DeliveryJson> found = in.server().deliveries().stream().filter(filter).map(DeliveryJson::of).toList();
    in.responses().json(exchange, new DeliveryListJson(found.size(), found));
  }

  static Predicate<DeliveryAttempt> filter(QueryParams q) {
    Predicate<DeliveryAttempt> f = a -> true;
    Optional<String> recipient = q.one("recipient");
    if (recipient.isPresent()) {
      f = f.and(a -> a.recipient().equalsIgnoreCase(recipient.get()));
    }
    Optional<String> outcome = q.one("outcome");
    if (outcome.isPresent()) {
      DeliveryAttempt.Outcome o = outcome(outcome.get());
      f = f.and(a -> a.outcome() == o);
    }
    Optional<String> messageId = q.one("messageId");
    if (messageId.isPresent()) {
      f = f.and(a -> a.messageId().equals(messageId.get()));
    }
    return f;
  }

  private static DeliveryAttempt.Outcome outcome(String v) {
    try {
      return DeliveryAttempt.Outcome.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("outcome must be delivered, deferred or bounced, got '" + v + "'");
    }
  }
}
