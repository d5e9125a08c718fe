package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.inspector.internal.json.FaultJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * {@code GET /api/v1/faults}: the fault rules in the order they are checked, each with its id and
 * {@code fired}, how often it has fired so far (the fault engine's count, whatever the protocol).
 */
public final class ListFaultsHandler implements HttpHandler {
  private final Inspected in;

  public ListFaultsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Map<String, Long> fired = ServerInternals.of(in.server()).faultEngine().firedCounts();
    in.responses().json(exchange, in.server().faults().list().stream()
        .map(f -> FaultJson.of(f, fired.getOrDefault(f.id(), 0L))).toList());
  }
}
