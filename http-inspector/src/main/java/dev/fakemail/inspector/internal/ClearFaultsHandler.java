package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code DELETE /api/v1/faults}: removes every fault rule; 204. */
public final class ClearFaultsHandler implements HttpHandler {
  private final Inspected in;

  public ClearFaultsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.server().faults().clear();
    in.responses().noContent(exchange);
  }
}
