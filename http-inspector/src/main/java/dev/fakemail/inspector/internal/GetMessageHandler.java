package dev.fakemail.inspector.internal;

import dev.fakemail.inspector.internal.json.MessageJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/messages/{id}}: the whole parsed message. */
public final class GetMessageHandler implements HttpHandler {
  private final Inspected in;

  public GetMessageHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.responses().json(exchange, MessageJson.of(in.message(new QueryParams(exchange)),
        in.server().config().hostname()));
  }
}
