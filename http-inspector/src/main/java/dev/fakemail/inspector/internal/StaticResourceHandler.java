package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One fixed file from the jar (the web page, its script and style, the OpenAPI document), read once.
 * The name is fixed per route, never taken from the request.
 */
public final class StaticResourceHandler implements HttpHandler {
  /** The web page's own policy: only its own script, style and API; frames only from this origin. */
  static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final byte[] content;
  private final String contentType;
  private final Responses responses;

  public StaticResourceHandler(String resource, String contentType, Responses responses) {
    try (InputStream in = StaticResourceHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource missing from the jar: " + resource);
      }
      this.content = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.contentType = contentType;
    this.responses = responses;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (contentType.startsWith("text/html")) {
      exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"), PAGE_CSP);
      exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
    }
    responses.bytes(exchange, 200, contentType, content);
  }
}
