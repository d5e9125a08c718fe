package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code DELETE /api/v1/faults/{id}}: 204, or 404 when there is no rule with that id. */
public final class RemoveFaultHandler implements HttpHandler {
  private final Inspected in;

  public RemoveFaultHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String id = new QueryParams(exchange).path("id");
    if (!in.server().faults().remove(id)) {
      throw ApiException.notFound("no fault rule with id '" + id + "'");
    }
    in.responses().noContent(exchange);
  }
}
