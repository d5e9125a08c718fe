package dev.fakemail.inspector.internal;

import dev.fakemail.core.DkimKey;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /api/v1/dns/dkim-keys}: {@code {"domain","selector"}}; generates a DKIM key pair,
 * publishes its public half at {@code selector._domainkey.domain} and answers 201 with the private
 * key as PEM, for the application under test to sign with. The key is not kept: ask again for a new one.
 */
public final class AddDkimKeyHandler implements HttpHandler {
  private final Inspected in;
  private final JsonBody body;

  /** The request. */
  public record Request(String domain, String selector) {}

  /** The answer. */
  public record Response(String domain, String selector, String name, String record, String privateKeyPem) {}

  public AddDkimKeyHandler(Inspected in, JsonBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Request req = body.read(exchange, Request.class);
    if (req.domain() == null || req.domain().isBlank() || req.selector() == null
        || !req.selector().matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      throw ApiException.badRequest("expected {\"domain\": \"shop.test\", \"selector\": \"s1\"} (a selector is "
          + "letters, digits, '-', '_' and dots)");
    }
    DkimKey key;
    try {
      key = in.server().dns().dkimKey(req.domain(), req.selector());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    in.responses().json(exchange, 201, new Response(key.domain(), key.selector(), key.recordName(),
        key.publicKeyRecord(), key.privateKeyPem()));
  }
}
