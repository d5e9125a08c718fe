package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.Listener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /health}: UP once the mail server runs with every listener bound and serving; 503
 * DOWN otherwise, with {@code failed} naming the listeners whose event loop has died. Written
 * without Jackson: it is what a start waits on, and the JSON mapper is still being made then.
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
    in.responses().bytes(exchange, up ? 200 : 503, Responses.JSON, body(up, failed).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"status":"UP"}}, or DOWN with the failed listeners' ids (lower-case words: nothing to escape). */
  static String body(boolean up, List<String> failed) {
    if (failed.isEmpty()) {
      return up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}";
    }
    return "{\"status\":\"DOWN\",\"failed\":[\"" + String.join("\",\"", failed) + "\"]}";
  }
}
