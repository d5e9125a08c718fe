package dev.fakemail.inspector.internal;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.SimulatedDns;
import dev.fakemail.inspector.internal.json.RemovedJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DELETE /api/v1/dns/records}: with {@code name} removes that name's records, with
 * {@code name} and {@code type} only those of the type, with {@code value} too only that one
 * record (404 when nothing matches); with no parameter removes every record (the start-up records
 * come back with {@code POST /api/v1/reset}). Answers {@code {"removed": N}}.
 */
public final class RemoveDnsRecordsHandler implements HttpHandler {
  private final Inspected in;

  public RemoveDnsRecordsHandler(Inspected in) {
    this.in = in;
  }

  /** The only query parameters this route reads; any other is refused rather than taken as "remove all". */
  private static final Set<String> PARAMETERS = Set.of("name", "type", "value", "access_token");

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    for (Map.Entry<String, Deque<String>> p : exchange.getQueryParameters().entrySet()) {
      if (!PARAMETERS.contains(p.getKey())) {
        throw ApiException.badRequest("unknown parameter " + p.getKey() + "; expected name, type and value");
      }
      if (p.getValue().stream().anyMatch(String::isBlank)) {
        throw ApiException.badRequest(p.getKey() + " must not be empty (to remove every record, give no parameter)");
      }
    }
    QueryParams q = new QueryParams(exchange);
    Optional<String> name = q.one("name");
    Optional<String> type = q.dnsType("type");
    Optional<String> value = q.one("value");
    SimulatedDns dns = in.server().dns();
    if (name.isEmpty()) {
      if (type.isPresent() || value.isPresent()) {
        throw ApiException.badRequest("type and value narrow a name: give name too, e.g. ?name=far.test&type=MX");
      }
      in.responses().json(exchange, new RemovedJson(removeAll(dns)));
      return;
    }
    if (value.isPresent() && type.isEmpty()) {
      throw ApiException.badRequest("value needs type, e.g. ?name=far.test&type=MX&value=10%20mx.far.test");
    }
    int removed;
    try {
      removed = value.isPresent()
          ? dns.remove(new DnsRecord(name.get(), type.get(), value.get(), DnsRecord.DEFAULT_TTL))
          : dns.remove(name.get() + type.map(t -> " " + t).orElse(""));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (removed == 0) {
      throw ApiException.notFound("no DNS record matches " + name.get() + type.map(t -> " " + t).orElse("")
          + value.map(v -> " " + v).orElse(""));
    }
    in.responses().json(exchange, new RemovedJson(removed));
  }

  private static int removeAll(SimulatedDns dns) {
    Set<String> names = new LinkedHashSet<>();
    dns.records().forEach(r -> names.add(r.name()));
    int removed = 0;
    for (String n : names) {
      removed += dns.remove(n);
    }
    return removed;
  }
}
