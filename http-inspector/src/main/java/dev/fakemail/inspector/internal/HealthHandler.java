package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.Listener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: UP once the mail server runs with every listener bound and serving; 503
 * DOWN otherwise, with {@code failed} naming the listeners whose event loop has died.
 */
public final class HealthHandler implements HttpHandler {
  private final Inspected in;

  public HealthHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    boolean up;
    List<String> failed = List.of();
    try {
      failed = ServerInternals.of(in.server()).failedListeners().stream().map(Listener::id).toList();
      up = in.server().isRunning() && failed.isEmpty() && in.server().ports().values().stream().allMatch(p -> p > 0);
    } catch (RuntimeException e) {
      up = false;
    }
    Object body = failed.isEmpty() ? Map.of("status", up ? "UP" : "DOWN") : Map.of("status", "DOWN", "failed", failed);
    in.responses().json(exchange, up ? 200 : 503, body);
  }
}
