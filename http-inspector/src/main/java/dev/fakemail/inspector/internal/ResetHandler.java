package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /api/v1/reset}: messages, sessions, fault rules, the relay queue and the delivery log
 * cleared; users and DNS records back to the start-up config; 204. (The simulated clock keeps its
 * offset: it only moves forward.)
 */
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
