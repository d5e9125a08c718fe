package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Refuses a request whose declared body is larger than the limit with 413 before anything reads it;
 * a chunked body is cut at the same limit by {@link JsonBody}.
 */
public final class BodyLimit implements HttpHandler {
  private final long maxBytes;
  private final HttpHandler next;
  private final Responses responses;

  public BodyLimit(long maxBytes, HttpHandler next, Responses responses) {
    this.maxBytes = maxBytes;
    this.next = next;
    this.responses = responses;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.getRequestContentLength() > maxBytes) {
      exchange.setPersistent(false);
      responses.error(exchange, 413, "request body larger than " + maxBytes + " bytes");
      return;
    }
    next.handleRequest(exchange);
  }
}
