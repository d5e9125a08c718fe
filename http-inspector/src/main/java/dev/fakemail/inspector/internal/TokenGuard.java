package dev.fakemail.inspector.internal;

import dev.fakemail.inspector.internal.json.ErrorJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Deque;

/**
 * Lets a request through only with the bearer token: {@code Authorization: Bearer <token>}, or the
 * {@code access_token} query parameter (RFC 6750 2.3) for what a browser cannot send headers with
 * (the event stream, download links, the HTML frame). Otherwise 401.
 */
public final class TokenGuard implements HttpHandler {
  private final byte[] token;
  private final HttpHandler next;
  private final Responses responses;

  public TokenGuard(String token, HttpHandler next, Responses responses) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.next = next;
    this.responses = responses;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (matches(presented(exchange))) {
      next.handleRequest(exchange);
      return;
    }
    exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"fakemail\"");
    responses.json(exchange, 401, new ErrorJson("this API needs a bearer token: Authorization: Bearer <token>", 401));
  }

  /**
   * The token of an {@code Authorization: Bearer <token>} header (scheme in any case, RFC 6750 2.1),
   * trimmed; null without such a header. Also what the provider APIs that take a bearer key read.
   */
  public static String bearerToken(HttpServerExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
  }

  private static String presented(HttpServerExchange exchange) {
    String bearer = bearerToken(exchange);
    if (bearer != null) {
      return bearer;
    }
    Deque<String> q = exchange.getQueryParameters().get("access_token");
    return q == null ? null : q.peekFirst();
  }

  private boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
