package dev.fakemail.core.internal.authres;

import dev.fakemail.core.internal.dns.Zones;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * jSPF's DNS, answered from the simulated zones in-process. Not jSPF's dnsjava service with our
 * resolver: that one goes through dnsjava's shared cache, which would keep answers from before a
 * test changed its records. A name that is not in the zones is NXDOMAIN, as everywhere else.
 */
final class ZoneDnsService implements DNSService {
  private final Zones zones;
  private final String hostname;
  private volatile int recordLimit = 50;

  ZoneDnsService(Zones zones, String hostname) {
    this.zones = zones;
    this.hostname = hostname;
  }

  @Override
  public List<String> getRecords(DNSRequest request) {
    int type;
    switch (request.getRecordType()) {
      case DNSRequest.A:
        type = Type.A;
        break;
      case DNSRequest.AAAA:
        type = Type.AAAA;
        break;
      case DNSRequest.MX:
        type = Type.MX;
        break;
      case DNSRequest.PTR:
        type = Type.PTR;
        break;
      case DNSRequest.TXT:
        type = Type.TXT;
        break;
      case DNSRequest.SPF: // type 99 was never in the zones' repertoire: NODATA
        return null;
      default:
        throw new IllegalArgumentException("unknown DNS request type " + request.getRecordType());
    }
    List<Record> found;
    try {
      found = zones.lookup(request.getHostname(), type);
    } catch (IllegalArgumentException e) { // not a valid name: nothing there
      return null;
    }
    // jSPF tells NXDOMAIN/NODATA from an answer by null, as its own service does
    return found.isEmpty() ? null : DNSServiceXBillImpl.convertRecordsToList(found.toArray(new Record[0]));
  }

  @Override
  public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
    return CompletableFuture.completedFuture(getRecords(request));
  }

  @Override
  public List<String> getLocalDomainNames() {
    return List.of(hostname);
  }

  @Override
  public void setTimeOut(int timeOut) {
    // in-process: nothing waits
  }

  @Override
  public int getRecordLimit() {
    return recordLimit;
  }

  @Override
  public void setRecordLimit(int recordLimit) {
    this.recordLimit = recordLimit;
  }
}
