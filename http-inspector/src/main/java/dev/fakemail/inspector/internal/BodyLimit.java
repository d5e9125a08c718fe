package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Refuses a request whose declared body is larger than the limit with 413 before anything reads it;
 * a chunked body is cut at the same limit by {@link JsonBody}. A body up to {@link #DRAIN_LIMIT} is
 * read and thrown away after the answer, so that the client, still sending, surely gets to read the
 * 413 (closing at once could reset the connection under it); a larger one closes the connection.
 */
public final class BodyLimit implements HttpHandler {
  /** Declared bodies up to this size are drained rather than cut off. */
  static final long DRAIN_LIMIT = 16L * 1024 * 1024;

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
    long length = exchange.getRequestContentLength();
    if (length > maxBytes) {
      if (length > DRAIN_LIMIT) {
        exchange.setPersistent(false);
      }
      responses.error(exchange, 413, "request body larger than " + maxBytes + " bytes");
      return;
    }
    next.handleRequest(exchange);
  }
}
