package dev.fakemail.inspector.internal;

import dev.fakemail.inspector.internal.json.ErrorJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.function.LongSupplier;

/**
 * The HTTP connection cap: a request on a connection past {@code max} open connections gets
 * {@code 503} with a JSON error and its connection is closed. Long polls and event streams are
 * connections too. Past the cap and its {@link #headroom}, the listener stops accepting until the
 * count is back under the cap (the connector's high and low water marks), so that a flood of HTTP
 * connections never takes the file descriptors the mail listeners need.
 */
public final class ConnectionCap implements HttpHandler {
  private final int max;
  private final LongSupplier open;
  private final Responses responses;
  private final HttpHandler next;

  public ConnectionCap(int max, LongSupplier open, Responses responses, HttpHandler next) {
    this.max = max;
    this.open = open;
    this.responses = responses;
    this.next = next;
  }

  /** Connections accepted past the cap only to be answered 503: a tenth of it, at least 16. */
  public static int headroom(int max) {
    return Math.max(16, max / 10);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (open.getAsLong() > max) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      responses.json(exchange, 503, new ErrorJson(
          "too many HTTP connections: at most " + max + " are served at once (--max-http-connections); retry later", 503));
      return;
    }
    next.handleRequest(exchange);
  }
}
