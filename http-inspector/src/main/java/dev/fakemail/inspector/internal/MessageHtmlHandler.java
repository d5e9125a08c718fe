package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/messages/{id}/html}: the HTML body as a document for the web page's sandboxed
 * frame, under a content security policy that runs no script and loads nothing remote.
 */
public final class MessageHtmlHandler implements HttpHandler {
  private final Inspected in;

  public MessageHtmlHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    var m = in.message(new QueryParams(exchange));
    if (m.html().isEmpty()) {
      throw ApiException.notFound("message '" + m.id() + "' has no HTML body");
    }
    Untrusted.mark(exchange);
    in.responses().bytes(exchange, 200, "text/html; charset=utf-8", m.html().getBytes(StandardCharsets.UTF_8));
  }
}
