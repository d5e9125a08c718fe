package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Serves only requests whose {@code Host} names this server, so that a page whose name an attacker
 * rebinds to 127.0.0.1 (DNS rebinding) is never same-origin with the API. Bound to loopback:
 * {@code localhost}, {@code *.localhost}, loopback IP literals and the allowed hosts. Bound to any
 * other address (the image binds 0.0.0.0): also any IP literal, single-label names (container and
 * Compose service names such as {@code mail}) and the configured host name. An allowed host
 * {@code *} turns the check off; {@code *.example.test} allows that domain's subdomains. A request
 * without {@code Host} (HTTP/1.0; never a browser) passes. Anything else: 403.
 */
public final class HostGuard implements HttpHandler {
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final HttpHandler next;
  private final Responses responses;
  private final boolean loopbackOnly;
  private final Set<String> allowed;
  private final String hostname;

  /**
   * @param loopbackOnly whether the listener is bound to a loopback address
   * @param allowed host names (lower case, no port); {@code *} for any, {@code *.domain} for subdomains
   * @param hostname the server's configured host name, served when not bound to loopback
   */
  public HostGuard(HttpHandler next, Responses responses, boolean loopbackOnly, Set<String> allowed, String hostname) {
    this.next = next;
    this.responses = responses;
    this.loopbackOnly = loopbackOnly;
    this.allowed = Set.copyOf(allowed);
    this.hostname = hostname == null ? "" : hostname.toLowerCase(Locale.ROOT);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String header = exchange.getRequestHeaders().getFirst(Headers.HOST);
    String host = header == null ? null : hostOf(header);
    if (header == null || allowed.contains("*") || (host != null && serves(host))) {
      next.handleRequest(exchange);
      return;
    }
    String shown = host == null ? header : host;
    responses.error(exchange, 403, "Host '" + shorten(header) + "' is not served here (DNS rebinding protection); "
        + "if this is a name of this server, allow it with --allowed-host " + shorten(shown)
        + " (env FAKEMAIL_ALLOWED_HOST, FakeMailHttpServer.builder(..).allowedHost(..)); --allowed-host '*' turns the check off");
  }

  /** Whether a host (lower case, without port and brackets) is served. */
  boolean serves(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost") || isLoopbackLiteral(host) || matchesAllowed(host)) {
      return true;
    }
    if (loopbackOnly) {
      return false;
    }
    return isIpLiteral(host) || (!host.contains(".") && !host.isEmpty()) || host.equals(hostname);
  }

  private boolean matchesAllowed(String host) {
    if (allowed.contains(host)) {
      return true;
    }
    for (String a : allowed) {
      if (a.startsWith("*.") && host.endsWith(a.substring(1))) {
        return true;
      }
    }
    return false;
  }

  /** The host part of a Host header, lower case, without port or IPv6 brackets; null if malformed. */
  static String hostOf(String header) {
    String h = header.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0 || (end + 1 < h.length() && h.charAt(end + 1) != ':') || h.substring(1, end).indexOf(':') < 0) {
        return null; // brackets hold an IPv6 literal, nothing else
      }
      return h.substring(1, end);
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (h.indexOf(':', colon + 1) >= 0) {
        return null; // a bare IPv6 literal is not a valid Host
      }
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1); // "localhost." is "localhost"
    }
    return h.isEmpty() ? null : h;
  }

  private static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || ipv6(host) != null;
  }

  private static InetAddress ipv6(String host) {
    if (!host.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // with a colon: an IPv6 literal or an error, never a lookup
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private static boolean isLoopbackLiteral(String host) {
    if (IPV4.matcher(host).matches()) {
      return host.startsWith("127.");
    }
    InetAddress v6 = ipv6(host);
    return v6 != null && v6.isLoopbackAddress();
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
