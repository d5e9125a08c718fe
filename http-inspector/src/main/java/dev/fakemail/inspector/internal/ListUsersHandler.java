package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.inspector.internal.json.UserJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/users}: the declared users, address and login only (never a password). */
public final class ListUsersHandler implements HttpHandler {
  private final Inspected in;

  public ListUsersHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.responses().json(exchange, ServerInternals.of(in.server()).accounts().users().stream()
        .map(u -> new UserJson(u.address(), u.login())).toList());
  }
}
