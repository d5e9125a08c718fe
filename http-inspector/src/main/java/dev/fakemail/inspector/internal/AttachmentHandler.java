package dev.fakemail.inspector.internal;

import dev.fakemail.core.Attachment;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code GET /api/v1/messages/{id}/attachments/{index}}: one attachment's bytes, with its type. */
public final class AttachmentHandler implements HttpHandler {
  private final Inspected in;

  public AttachmentHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    QueryParams q = new QueryParams(exchange);
    var m = in.message(q);
    String raw = q.path("index");
    int index;
    try {
      index = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("attachment index must be a whole number, got '" + raw + "'");
    }
    List<Attachment> all = m.attachments();
    if (index < 0 || index >= all.size()) {
      throw ApiException.notFound("message '" + m.id() + "' has " + all.size() + " attachment(s); no index " + index);
    }
    Attachment a = all.get(index);
    String name = a.filename().isEmpty() ? "attachment-" + index : a.filename();
    exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION,
        "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    Untrusted.mark(exchange);
    String type = a.contentType().isEmpty() ? "application/octet-stream" : a.contentType();
    in.responses().bytes(exchange, 200, type, a.content());
  }
}
