package dev.fakemail.inspector.internal;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.inspector.internal.json.DnsRecordJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/dns/records}: the records of the simulated DNS, grouped by name in the order
 * names were first added; optionally only those of one {@code name} and/or {@code type}.
 */
public final class ListDnsRecordsHandler implements HttpHandler {
  private final Inspected in;

  public ListDnsRecordsHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    QueryParams q = new QueryParams(exchange);
    Optional<String> name = q.one("name");
    Optional<String> type = q.dnsType("type");
    List<DnsRecord> records;
    try {
      records = name.isPresent() ? in.server().dns().records(name.get()) : in.server().dns().records();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    in.responses().json(exchange, records.stream()
        .filter(r -> type.isEmpty() || r.type().equals(type.get()))
        .map(DnsRecordJson::of).toList());
  }
}
