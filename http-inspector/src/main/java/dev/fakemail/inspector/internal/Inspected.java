package dev.fakemail.inspector.internal;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;

/**
 * What every handler works on: the mail server it inspects, the way answers are written, and the
 * long polls in progress.
 */
public record Inspected(FakeMailServer server, Responses responses, PendingWaits waits) {
  /** The message named by the path's {@code {id}}, or 404. Ids are looked up in memory only. */
  public ReceivedMessage message(QueryParams params) {
    String id = params.path("id");
    return server.message(id).orElseThrow(() -> ApiException.notFound("no message with id '" + id + "'"));
  }
}
