package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/messages/{id}/raw}: the exact bytes received, as {@code message/rfc822}. */
public final class RawMessageHandler implements HttpHandler {
  private final Inspected in;

  public RawMessageHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    var m = in.message(new QueryParams(exchange));
    Untrusted.mark(exchange);
    in.responses().bytes(exchange, 200, "message/rfc822", m.raw());
  }
}
