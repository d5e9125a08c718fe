package dev.fakemail.inspector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.StoreListener;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.EventJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: a server-sent event stream. Each subscriber first gets a {@code ready}
 * event (it is registered from then on), then one {@code message} event per accepted message (with
 * its id and subject), {@code deleted} / {@code cleared} when messages go, and one
 * {@code delivery} event per relay attempt (the delivery log's entry).
 */
public final class EventsHandler implements HttpHandler, StoreListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Set<ServerSentEventConnection> subscribers = ConcurrentHashMap.newKeySet();
  private final Supplier<ObjectMapper> mapper;
  private final ServerSentEventHandler sse;

  public EventsHandler(Supplier<ObjectMapper> mapper) {
    this.mapper = mapper;
    this.sse = new ServerSentEventHandler((connection, lastEventId) -> {
      connection.setKeepAliveTime(KEEP_ALIVE_MS);
      subscribers.add(connection);
      connection.addCloseTask(subscribers::remove);
      connection.send("{}", "ready", null, null);
    });
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.getResponseHeaders().put(io.undertow.util.Headers.CACHE_CONTROL, "no-store");
    sse.handleRequest(exchange);
  }

  /** How many streams are open now. */
  public int subscribers() {
    return subscribers.size();
  }

  @Override
  public void added(ReceivedMessage m) {
    if (subscribers.isEmpty()) {
      return; // no one listens: don't parse the subject on the SMTP session's thread
    }
    broadcast("message", m.id(), new EventJson(m.id(), m.subject(), m.envelope().from(), m.envelope().to(), m.receivedAt()));
  }

  @Override
  public void removed(ReceivedMessage m) {
    broadcast("deleted", null, new EventJson(m.id(), null, null, null, null));
  }

  @Override
  public void cleared() {
    broadcast("cleared", null, new EventJson(null, null, null, null, null));
  }

  /** A relay attempt, as logged: one {@code delivery} event (called on the relay thread). */
  public void delivery(DeliveryAttempt attempt) {
    broadcast("delivery", null, DeliveryJson.of(attempt));
  }

  private void broadcast(String event, String id, Object data) {
    if (subscribers.isEmpty()) {
      return;
    }
    String json;
    try {
      json = mapper.get().writeValueAsString(data);
    } catch (JsonProcessingException e) {
      LOG.warn("cannot write event {}", event, e);
      return;
    }
    for (ServerSentEventConnection c : subscribers) {
      if (c.isOpen()) {
        c.send(json, event, id, null);
      }
    }
  }

  @Override
  public void close() {
    for (ServerSentEventConnection c : subscribers) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.debug("closing an event stream failed", e);
      }
    }
    subscribers.clear();
  }
}
