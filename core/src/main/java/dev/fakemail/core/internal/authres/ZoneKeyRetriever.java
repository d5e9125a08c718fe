package dev.fakemail.core.internal.authres;

import dev.fakemail.core.internal.dns.Zones;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** jDKIM's key look-up ({@code selector._domainkey.domain} TXT, RFC 6376 §3.6.2) from the simulated zones. */
final class ZoneKeyRetriever implements PublicKeyRecordRetriever {
  private final Zones zones;

  ZoneKeyRetriever(Zones zones) {
    this.zones = zones;
  }

  @Override
  public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
      throws PermFailException {
    if (!"dns/txt".equalsIgnoreCase(methodAndOptions.toString())) {
      throw new PermFailException("Unsupported method " + methodAndOptions);
    }
    String name = selector + "._domainkey." + token;
    List<Record> found;
    try {
      found = zones.lookup(name, Type.TXT);
    } catch (IllegalArgumentException e) {
      throw new PermFailException("invalid key name " + name);
    }
    List<String> keys = new ArrayList<>();
    for (Record r : found) {
      keys.add(String.join("", ((TXTRecord) r).getStrings())); // the strings of one record are one key (§3.6.2.2)
    }
    if (keys.isEmpty()) {
      throw new PermFailException("no key for signature: no TXT record at " + name);
    }
    return keys;
  }
}
