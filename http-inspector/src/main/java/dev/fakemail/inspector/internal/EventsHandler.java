package dev.fakemail.inspector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.SessionLog;
import dev.fakemail.core.internal.store.StoreListener;
import dev.fakemail.inspector.internal.json.DeliveryJson;
import dev.fakemail.inspector.internal.json.EventJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events}: a server-sent event stream. Each subscriber first gets a {@code ready}
 * event (it is registered from then on), then one {@code message} event per accepted message (with
 * its id and subject), {@code deleted} / {@code cleared} when messages go, and one
 * {@code delivery} event per relay attempt (the delivery log's entry), and {@code mailbox}
 * ({@code {"address"}}) when a mailbox changed: a message in or out of one of its folders, a flag, a
 * folder or a subscription; and {@code session} ({@code {"id","listener","state"}}, state
 * {@code opened}, {@code active} or {@code closed}) when an SMTP, POP3 or IMAP session opens, adds to
 * its transcript or closes. Changes to one mailbox, or one session, within {@link #COALESCE_MS} make
 * one event (a session's with its latest state), so a client's {@code STORE 1:* +FLAGS} on a large
 * folder, or a long FETCH, does not flood the stream.
 *
 * <p>Each stream's unsent events are bounded: a client that reads slower than events come (or not
 * at all) is disconnected once {@link #DEFAULT_MAX_QUEUED_EVENTS} of them wait for it, so a stalled
 * subscriber never makes the server keep events without limit. It can reconnect and re-read the
 * message list.
 */
public final class EventsHandler implements HttpHandler, StoreListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);
  private static final long KEEP_ALIVE_MS = 15_000;
  /** Unsent events a stream may have before its client is dropped as too slow. */
  public static final int DEFAULT_MAX_QUEUED_EVENTS = 1_000;

  /** Each stream and the number of its events not yet written to the socket. */
  private final Map<ServerSentEventConnection, AtomicInteger> subscribers = new ConcurrentHashMap<>();
  /** How long changes to one mailbox are gathered into one {@code mailbox} event. */
  public static final long COALESCE_MS = 50;
  /** Keys ({@code event:key}) with an event scheduled and not yet sent, each with the data it will send. */
  private final Map<String, Object> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fakemail-http-events");
    t.setDaemon(true);
    return t;
  });
  private final Supplier<ObjectMapper> mapper;
  private final ServerSentEventHandler sse;
  private final int maxQueued;
  private final ServerSentEventConnection.EventCallback sent = new ServerSentEventConnection.EventCallback() {
    @Override
    public void done(ServerSentEventConnection c, String data, String event, String id) {
      written(c);
    }

    @Override
    public void failed(ServerSentEventConnection c, String data, String event, String id, IOException e) {
      written(c);
    }
  };

  public EventsHandler(Supplier<ObjectMapper> mapper) {
    this(mapper, DEFAULT_MAX_QUEUED_EVENTS);
  }

  public EventsHandler(Supplier<ObjectMapper> mapper, int maxQueued) {
    this.mapper = mapper;
    this.maxQueued = maxQueued;
    this.sse = new ServerSentEventHandler((connection, lastEventId) -> {
      connection.setKeepAliveTime(KEEP_ALIVE_MS);
      subscribers.put(connection, new AtomicInteger());
      connection.addCloseTask(subscribers::remove);
      connection.send("{}", "ready", null, null);
    });
  }

  private void written(ServerSentEventConnection c) {
    AtomicInteger queued = subscribers.get(c);
    if (queued != null) {
      queued.decrementAndGet();
    }
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
    broadcast("message", m.id(), new EventJson(m.id(), m.subject(), m.envelope().from(), m.envelope().recipientAddresses(), m.receivedAt()));
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

  /**
   * A mailbox changed (called under its folder's lock, on the thread that changed it): schedules one
   * {@code mailbox} event for it unless one is already due.
   */
  public void mailboxChanged(String address) {
    coalesced("mailbox", address.toLowerCase(Locale.ROOT), Map.of("address", address));
  }

  /** A session opened, added a transcript line or closed (called on its thread): one {@code session} event soon. */
  public void sessionChanged(SessionLog.Change change) {
    coalesced("session", change.id(), Map.of("id", change.id(), "listener", change.listener().id(),
        "state", change.state().name().toLowerCase(Locale.ROOT)));
  }

  /** Sends {@code data} as {@code event} in {@link #COALESCE_MS}; a newer change of the same key before then replaces it. */
  private void coalesced(String event, String key, Object data) {
    if (subscribers.isEmpty()) {
      return;
    }
    String k = event + ':' + key;
    if (pending.put(k, data) != null) {
      return; // one is scheduled: it sends the latest
    }
    try {
      timer.schedule(() -> {
        Object latest = pending.remove(k);
        if (latest != null) {
          broadcast(event, null, latest);
        }
      }, COALESCE_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.remove(k); // closed
    }
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
    subscribers.forEach((c, queued) -> {
      if (!c.isOpen()) {
        return;
      }
      if (queued.incrementAndGet() > maxQueued) {
        LOG.info("an event stream was dropped: {} events waited for a client that does not read them", maxQueued);
        subscribers.remove(c);
        try {
          c.close();
        } catch (IOException e) {
          LOG.debug("closing a slow event stream failed", e);
        }
        return;
      }
      c.send(json, event, id, sent);
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    for (ServerSentEventConnection c : subscribers.keySet()) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.debug("closing an event stream failed", e);
      }
    }
    subscribers.clear();
  }
}
