package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.mailbox.MailContent;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * {@code GET /api/v1/messages/{id}/eml}: the message as a mailbox delivers it, for a download:
 * {@code Return-Path:}, {@code Authentication-Results:} and {@code Received:} in front of the exact
 * bytes received ({@code /raw} stays those bytes alone).
 */
public final class EmlMessageHandler implements HttpHandler {
  private final Inspected in;

  public EmlMessageHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    var m = in.message(new QueryParams(exchange));
    String rcpt = m.envelope().recipientAddresses().isEmpty() ? "" : m.envelope().recipientAddresses().get(0);
    byte[] eml = MailContent.delivered(m, rcpt, in.server().config().hostname()).bytes();
    Untrusted.mark(exchange);
    exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
        "attachment; filename=\"message-" + m.id().replaceAll("[^A-Za-z0-9_.-]", "_") + ".eml\"");
    in.responses().bytes(exchange, 200, "message/rfc822", eml);
  }
}
