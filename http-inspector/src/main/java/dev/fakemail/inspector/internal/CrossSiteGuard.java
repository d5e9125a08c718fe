package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests that a web page on another site could have sent (CSRF). A browser
 * sends a cross-site request without a CORS preflight only with a "simple" content type
 * ({@code text/plain}, form encodings) and no custom header, so a request passes only with
 * {@code Content-Type: application/json} or the header {@link #HEADER} (for requests without a
 * body); the web page and {@code FakeMailClient} send them. Beyond that, a request whose
 * {@code Origin} is not this server's own (the {@code Host} it was sent to) or whose
 * {@code Sec-Fetch-Site} is {@code cross-site} is refused unless its origin is allowed
 * ({@code --allowed-origin}; {@code *} allows any). All refusals are 403 with a JSON body that says
 * how to get through.
 */
public final class CrossSiteGuard implements HttpHandler {
  /** The custom header that marks a request without a JSON body as sent by a script or a program. */
  public static final String HEADER = "X-FakeMail-Request";
  private static final HttpString HEADER_NAME = new HttpString(HEADER);
  private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

  private final HttpHandler next;
  private final Responses responses;
  private final Set<String> allowedOrigins;

  /** @param allowedOrigins origins such as {@code http://localhost:3000} (lower case), or {@code *} */
  public CrossSiteGuard(HttpHandler next, Responses responses, Set<String> allowedOrigins) {
    this.next = next;
    this.responses = responses;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String refusal = refusal(exchange);
    if (refusal == null) {
      next.handleRequest(exchange);
      return;
    }
    exchange.setPersistent(false); // an unread body must not be taken for the next request
    responses.error(exchange, 403, refusal);
  }

  private String refusal(HttpServerExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    String site = exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE);
    boolean allowedOrigin = origin != null && (allowedOrigins.contains("*")
        || allowedOrigins.contains(normalize(origin)));
    if (origin != null && !allowedOrigin && !sameOrigin(origin, exchange.getRequestHeaders().getFirst(Headers.HOST))) {
      return "cross-origin " + exchange.getRequestMethod() + " from " + shorten(origin) + " refused (CSRF protection); "
          + "allow that origin with --allowed-origin " + shorten(origin)
          + " (env FAKEMAIL_ALLOWED_ORIGIN, FakeMailHttpServer.builder(..).allowedOrigin(..))";
    }
    if (site != null && site.trim().equalsIgnoreCase("cross-site") && !allowedOrigin) {
      return "cross-site " + exchange.getRequestMethod() + " refused (Sec-Fetch-Site: cross-site; CSRF protection); "
          + "allow the page's origin with --allowed-origin <origin>"
          + " (env FAKEMAIL_ALLOWED_ORIGIN, FakeMailHttpServer.builder(..).allowedOrigin(..))";
    }
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    boolean json = type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("application/json");
    if (!json && !exchange.getRequestHeaders().contains(HEADER_NAME)) {
      return exchange.getRequestMethod() + " needs Content-Type: application/json, or the header " + HEADER
          + ": 1 when there is no body (CSRF protection: a browser sends neither cross-site without a CORS preflight)";
    }
    return null;
  }

  /** Whether {@code origin} (scheme://host[:port]) names the host and port the request was sent to. */
  public static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    String o = normalize(origin);
    int sep = o.indexOf("://");
    if (sep < 0) {
      return false; // "null" (sandboxed frames, file:) and anything malformed
    }
    String scheme = o.substring(0, sep);
    String authority = o.substring(sep + 3);
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (authority.equals(h)) {
      return true;
    }
    // a default port may be written in one and left out in the other
    String port = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
    return port != null && (authority.equals(h + port) || h.equals(authority + port));
  }

  static String normalize(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
