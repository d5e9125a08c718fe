package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /health}: UP once the mail server runs with every listener bound; 503 otherwise. */
public final class HealthHandler implements HttpHandler {
  private final Inspected in;

  public HealthHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    boolean up;
    try {
      up = in.server().isRunning() && in.server().ports().values().stream().allMatch(p -> p > 0);
    } catch (RuntimeException e) {
      up = false;
    }
    in.responses().json(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
  }
}
