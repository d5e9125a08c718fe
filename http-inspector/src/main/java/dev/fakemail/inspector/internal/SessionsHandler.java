package dev.fakemail.inspector.internal;

import dev.fakemail.inspector.internal.json.SessionJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/sessions}: the SMTP sessions with transcripts (AUTH masked), oldest first. */
public final class SessionsHandler implements HttpHandler {
  private final Inspected in;

  public SessionsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.responses().json(exchange, in.server().sessions().stream().map(SessionJson::of).toList());
  }
}
