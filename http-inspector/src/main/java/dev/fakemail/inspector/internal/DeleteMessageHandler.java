package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code DELETE /api/v1/messages/{id}}: 204, or 404 when there is no such message. */
public final class DeleteMessageHandler implements HttpHandler {
  private final Inspected in;

  public DeleteMessageHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String id = new QueryParams(exchange).path("id");
    if (!in.server().delete(id)) {
      throw ApiException.notFound("no message with id '" + id + "'");
    }
    in.responses().noContent(exchange);
  }
}
