package dev.fakemail.inspector.internal;

import dev.fakemail.inspector.internal.json.FaultJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/faults}: the fault rules in the order they are checked, each with its id. */
public final class ListFaultsHandler implements HttpHandler {
  private final Inspected in;

  public ListFaultsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.responses().json(exchange, in.server().faults().list().stream().map(FaultJson::of).toList());
  }
}
