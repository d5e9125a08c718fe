package dev.fakemail.inspector.internal;

import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.inspector.internal.json.SessionJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code GET /api/v1/sessions}: the SMTP, POP3 and IMAP sessions with transcripts (credentials
 * masked, message data given by size), oldest first; {@code listener} ({@code smtp}, {@code pop3s},
 * {@code imap}...; repeated or comma-separated) keeps those of the listeners named.
 */
public final class SessionsHandler implements HttpHandler {
  private final Inspected in;

  public SessionsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Set<Listener> listeners = listeners(new QueryParams(exchange).all("listener"));
    Stream<SessionRecord> sessions = in.server().sessions().stream();
    if (!listeners.isEmpty()) {
      sessions = sessions.filter(s -> listeners.contains(s.listener()));
    }
    in.responses().json(exchange, sessions.map(SessionJson::of).toList());
  }

  private static Set<Listener> listeners(List<String> ids) {
    Set<Listener> out = new HashSet<>();
    for (String value : ids) {
      for (String id : value.split(",")) {
        try {
          out.add(Listener.fromId(id));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest(e.getMessage());
        }
      }
    }
    return out;
  }
}
