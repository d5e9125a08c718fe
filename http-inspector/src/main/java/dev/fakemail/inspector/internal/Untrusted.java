package dev.fakemail.inspector.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Headers for content that came from a mail (raw source, attachments, the HTML body): the browser
 * must not sniff it into something else, and must run no script and load nothing remote from it.
 */
final class Untrusted {
  /** No scripts, no plugins, no remote loads; inline styles and data: images only. */
  static final String CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

  private Untrusted() {}

  static void mark(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"), CSP);
    exchange.getResponseHeaders().put(new HttpString("X-Content-Type-Options"), "nosniff");
    exchange.getResponseHeaders().put(new HttpString("Referrer-Policy"), "no-referrer");
  }
}
