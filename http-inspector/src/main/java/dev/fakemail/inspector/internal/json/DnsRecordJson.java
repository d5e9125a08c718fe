package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.DnsRecord;

/**
 * One record of the simulated DNS: {@code name type value ttl}. As a request body, {@code record}
 * may carry the whole record in the CLI form instead ({@code "far.test MX 10 mx.far.test"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DnsRecordJson(String name, String type, String value, Long ttl, String record) {
  public static DnsRecordJson of(DnsRecord r) {
    return new DnsRecordJson(r.name(), r.type(), r.value(), r.ttl(), null);
  }

  /** The core value: from {@code record} when given, else from the fields ({@code ttl} defaults to 300). */
  public DnsRecord toDnsRecord() {
    if (record != null) {
      if (name != null || type != null || value != null || ttl != null) {
        throw new IllegalArgumentException("give either \"record\" (e.g. \"far.test MX 10 mx.far.test\") "
            + "or \"name\", \"type\", \"value\" and \"ttl\", not both");
      }
      return DnsRecord.parse(record);
    }
    if (name == null || type == null || value == null) {
      throw new IllegalArgumentException("a DNS record needs \"name\", \"type\" and \"value\" "
          + "(or \"record\": \"far.test MX 10 mx.far.test\")");
    }
    return new DnsRecord(name, type, value, ttl == null ? DnsRecord.DEFAULT_TTL : ttl);
  }
}
