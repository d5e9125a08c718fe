package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code DELETE /api/v1/messages}: removes every message; 204. */
public final class PurgeMessagesHandler implements HttpHandler {
  private final Inspected in;

  public PurgeMessagesHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.server().purge();
    in.responses().noContent(exchange);
  }
}
