package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fakemail.core.DnsControl;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.inspector.internal.ApiPaths;
import dev.fakemail.inspector.internal.json.DnsRecordJson;
import dev.fakemail.inspector.internal.json.RemovedJson;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;

/** The simulated DNS of a remote server ({@link FakeMailClient#dns()}), over {@code /api/v1/dns/records}. */
final class RemoteDns implements DnsControl {
  private static final TypeReference<List<DnsRecordJson>> RECORDS = new TypeReference<>() {};

  private final ApiConnection api;

  RemoteDns(ApiConnection api) {
    this.api = api;
  }

  @Override
  public DnsControl add(String record) {
    Objects.requireNonNull(record, "record");
    api.call("POST", ApiPaths.expand(ApiPaths.DNS_RECORDS), new DnsRecordJson(null, null, null, null, record),
        DnsRecordJson.class);
    return this;
  }

  @Override
  public DnsControl add(DnsRecord record) {
    Objects.requireNonNull(record, "record");
    api.call("POST", ApiPaths.expand(ApiPaths.DNS_RECORDS), DnsRecordJson.of(record), DnsRecordJson.class);
    return this;
  }

  @Override
  public int remove(String spec) {
    String[] p = spec == null ? new String[0] : spec.strip().split("\\s+", 3);
    if (p.length == 0 || p[0].isEmpty()) {
      throw new IllegalArgumentException("expected 'name', 'name TYPE' or 'name TYPE value', got '" + spec + "'");
    }
    if (p.length == 3) {
      return remove(DnsRecord.parse(spec));
    }
    return removeWhere("name=" + ApiPaths.encode(p[0]) + (p.length == 2 ? "&type=" + ApiPaths.encode(p[1]) : ""));
  }

  @Override
  public int remove(DnsRecord r) {
    return removeWhere("name=" + ApiPaths.encode(r.name()) + "&type=" + ApiPaths.encode(r.type()) + "&value="
        + ApiPaths.encode(r.value()));
  }

  private int removeWhere(String query) {
    HttpResponse<byte[]> res = api.exchange("DELETE", ApiPaths.expand(ApiPaths.DNS_RECORDS) + "?" + query, null);
    if (res.statusCode() == 404) {
      return 0;
    }
    api.check(res);
    return api.read(res.body(), RemovedJson.class).removed();
  }

  @Override
  public int clear() {
    return api.call("DELETE", ApiPaths.expand(ApiPaths.DNS_RECORDS), null, RemovedJson.class).removed();
  }

  @Override
  public List<DnsRecord> records() {
    return api.call("GET", ApiPaths.expand(ApiPaths.DNS_RECORDS), null, RECORDS).stream().map(DnsRecordJson::toDnsRecord)
        .toList();
  }

  @Override
  public String toString() {
    return "RemoteDns[" + api.base() + "]";
  }
}
