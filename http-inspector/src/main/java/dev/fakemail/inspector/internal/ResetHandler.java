package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code POST /api/v1/reset}: messages and sessions cleared, users back to the start-up config; 204. */
public final class ResetHandler implements HttpHandler {
  private final Inspected in;

  public ResetHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.server().reset();
    in.responses().noContent(exchange);
  }
}
