package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.User;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.inspector.internal.json.UserJson;
import dev.fakemail.inspector.internal.json.UserRequestJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * {@code POST /api/v1/users} with {@code {"address","password","login"}}: declares a user (the
 * server is in strict mode from then on: unknown recipients get 550 5.1.1, wrong passwords 535).
 * 201 for a new user, 200 when it replaced one with the same address; the answer never carries the
 * password.
 */
public final class AddUserHandler implements HttpHandler {
  private final Inspected in;
  private final JsonBody body;

  public AddUserHandler(Inspected in, JsonBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    UserRequestJson req = body.read(exchange, UserRequestJson.class);
    if (req.address() == null || req.address().isBlank()) {
      throw ApiException.badRequest("a user needs an \"address\" (local@domain)");
    }
    if (req.password() == null) {
      throw ApiException.badRequest("a user needs a \"password\"");
    }
    User user;
    try {
      user = new User(req.address().strip(), req.password(), req.login() == null ? null : req.login().strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Accounts accounts = ServerInternals.of(in.server()).accounts();
    boolean replaced;
    synchronized (accounts) {
      replaced = accounts.users().stream().anyMatch(u -> u.address().equalsIgnoreCase(user.address()));
      accounts.put(user);
    }
    exchange.getResponseHeaders().put(Headers.LOCATION, "/api/v1/users/" + user.address());
    in.responses().json(exchange, replaced ? 200 : 201, new UserJson(user.address(), user.login()));
  }
}
