package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.inspector.internal.json.MailboxJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /api/v1/mailboxes}: one entry per recipient address, from the store's index. No
 * POP3/IMAP client marks messages seen yet, so {@code unseen} equals {@code messages}.
 */
public final class MailboxesHandler implements HttpHandler {
  private final Inspected in;

  public MailboxesHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    List<MailboxJson> boxes = ServerInternals.of(in.server()).store().recipientCounts().entrySet().stream()
        .map(e -> new MailboxJson(e.getKey(), e.getValue(), e.getValue()))
        .toList();
    in.responses().json(exchange, boxes);
  }
}
