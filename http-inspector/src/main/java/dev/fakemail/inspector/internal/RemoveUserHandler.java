package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code DELETE /api/v1/users/{address}}: 204, or 404 when no such user is declared. With the
 * last user gone, any recipient is accepted again.
 */
public final class RemoveUserHandler implements HttpHandler {
  private final Inspected in;

  public RemoveUserHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String address = new QueryParams(exchange).path("address");
    if (!ServerInternals.of(in.server()).accounts().remove(address)) {
      throw ApiException.notFound("no user with address '" + address + "'");
    }
    in.responses().noContent(exchange);
  }
}
