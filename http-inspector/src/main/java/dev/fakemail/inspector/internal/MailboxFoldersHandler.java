package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.inspector.internal.json.MailboxFoldersJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code GET /api/v1/mailboxes/{address}}: the mailbox's folders (any case of the address), each
 * with its message and unseen counts and subscribed state; 404 when the server has no mailbox for it.
 * Read-only.
 */
public final class MailboxFoldersHandler implements HttpHandler {
  private final Inspected in;

  public MailboxFoldersHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String address = new QueryParams(exchange).path("address");
    MailboxFoldersJson box = ServerInternals.of(in.server()).mailboxes().existing(address)
        .map(MailboxFoldersJson::of)
        .orElseThrow(() -> ApiException.notFound("no mailbox for '" + address + "'"));
    in.responses().json(exchange, box);
  }
}
