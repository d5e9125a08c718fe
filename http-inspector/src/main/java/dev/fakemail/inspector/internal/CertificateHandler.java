package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code GET /api/v1/tls/certificate}: the server certificate, PEM. */
public final class CertificateHandler implements HttpHandler {
  private final Inspected in;

  public CertificateHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    in.responses().text(exchange, "application/x-pem-file", in.server().tls().certificatePem());
  }
}
