package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.mailbox.Mailboxes;
import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.inspector.internal.json.MailboxFoldersJson;
import dev.fakemail.inspector.internal.json.MailboxJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/**
 * {@code GET /api/v1/mailboxes}: one entry per recipient address, from the store's index, with the
 * unseen messages of its mailbox's folders (none without {@code \Seen} once a client read them all).
 */
public final class MailboxesHandler implements HttpHandler {
  private final Inspected in;

  public MailboxesHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Mailboxes mailboxes = ServerInternals.of(in.server()).mailboxes();
    List<MailboxJson> boxes = ServerInternals.of(in.server()).store().recipientCounts().entrySet().stream()
        .map(e -> new MailboxJson(e.getKey(), e.getValue(),
            mailboxes.existing(e.getKey()).map(MailboxFoldersJson::unseen).orElse(e.getValue())))
        .toList();
    in.responses().json(exchange, boxes);
  }
}
