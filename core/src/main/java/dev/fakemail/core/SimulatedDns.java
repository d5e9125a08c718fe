package dev.fakemail.core;

import dev.fakemail.core.internal.dns.ZoneResolver;
import dev.fakemail.core.internal.dns.Zones;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Resolver;

/**
 * The simulated DNS of a {@link FakeMailServer}: in-memory zones (A, AAAA, MX, TXT, CNAME, PTR)
 * that decide where relayed mail goes, editable while the server runs. Every name is answered
 * here and nowhere else: an unknown name is NXDOMAIN, a known name without the type asked for is
 * NODATA. The same zones are served on the DNS port ({@code builder().dnsPort(0)}) and in-process
 * as a dnsjava {@link Resolver}.
 *
 * <pre>{@code
 * server.dns().mx("far.test", 10, "mx.far.test").txt("far.test", "v=spf1 -all");
 * server.dns().add("far.test MX 20 backup.far.test");
 * }</pre>
 */
public final class SimulatedDns implements DnsControl {
  private final Zones zones;
  private final Resolver resolver;

  SimulatedDns(Zones zones) {
    this.zones = zones;
    this.resolver = new ZoneResolver(zones);
  }

  // The record helpers are DnsControl's; these overrides only keep the chain typed SimulatedDns.

  @Override
  public SimulatedDns mx(String domain, int preference, String host) {
    return (SimulatedDns) DnsControl.super.mx(domain, preference, host);
  }

  @Override
  public SimulatedDns a(String name, String ipv4) {
    return (SimulatedDns) DnsControl.super.a(name, ipv4);
  }

  @Override
  public SimulatedDns aaaa(String name, String ipv6) {
    return (SimulatedDns) DnsControl.super.aaaa(name, ipv6);
  }

  @Override
  public SimulatedDns txt(String name, String text) {
    return (SimulatedDns) DnsControl.super.txt(name, text);
  }

  @Override
  public SimulatedDns cname(String name, String target) {
    return (SimulatedDns) DnsControl.super.cname(name, target);
  }

  @Override
  public SimulatedDns ptr(String name, String target) {
    return (SimulatedDns) DnsControl.super.ptr(name, target);
  }

  /**
   * Generates a DKIM key pair for {@code domain} and {@code selector}, publishes its public half as
   * the TXT record at {@code selector._domainkey.domain} (replacing one there) and returns the key for
   * the application under test to sign with.
   */
  public DkimKey dkimKey(String domain, String selector) {
    DkimKey key = DkimKey.generate(domain, selector);
    zones.remove(key.recordName(), "TXT", null);
    txt(key.recordName(), key.publicKeyRecord());
    return key;
  }

  @Override
  public SimulatedDns spf(String domain, String record) {
    return (SimulatedDns) DnsControl.super.spf(domain, record);
  }

  @Override
  public SimulatedDns dmarc(String domain, String record) {
    return (SimulatedDns) DnsControl.super.dmarc(domain, record);
  }

  /** Adds a record in the CLI form {@code name TYPE value}, e.g. {@code far.test MX 10 mx.far.test}. */
  public SimulatedDns add(String record) {
    return add(DnsRecord.parse(record));
  }

  public SimulatedDns add(DnsRecord record) {
    zones.add(record);
    return this;
  }

  /**
   * Removes records: {@code "far.test"} removes all of that name, {@code "far.test MX"} all its MX
   * records, {@code "far.test MX 10 mx.far.test"} just that one. Returns how many were removed.
   */
  public int remove(String spec) {
    String[] p = spec == null ? new String[0] : spec.strip().split("\\s+", 3);
    if (p.length == 0 || p[0].isEmpty()) {
      throw new IllegalArgumentException("expected 'name', 'name TYPE' or 'name TYPE value', got '" + spec + "'");
    }
    if (p.length == 1) {
      return zones.remove(p[0], null, null);
    }
    String type = p[1].toUpperCase(Locale.ROOT);
    if (!DnsRecord.TYPES.contains(type)) {
      throw new IllegalArgumentException("DNS record type must be one of A, AAAA, MX, TXT, CNAME, PTR, got '" + p[1] + "'");
    }
    if (p.length == 2) {
      return zones.remove(p[0], type, null);
    }
    return remove(DnsRecord.parse(spec));
  }

  /** Removes the record with this name, type and value (the TTL does not matter). */
  public int remove(DnsRecord record) {
    return zones.remove(record.name(), record.type(), record.value());
  }

  /** Removes every record; {@link #reset()} brings back the start-up records. */
  @Override
  public int clear() {
    int removed = 0;
    for (String name : records().stream().map(DnsRecord::name).distinct().toList()) {
      removed += zones.remove(name, null, null);
    }
    return removed;
  }

  /** Every record, grouped by name in the order names were first added. */
  public List<DnsRecord> records() {
    return zones.records();
  }

  /** The records of one name. */
  public List<DnsRecord> records(String name) {
    String n = DnsRecord.normalizeName(name);
    return zones.records().stream().filter(r -> r.name().equals(n)).toList();
  }

  /** Back to the records the server started with. */
  public void reset() {
    zones.reset();
  }

  /**
   * A dnsjava resolver answering from these zones in-process, e.g. for
   * {@code new Lookup("far.test", Type.MX)} with {@code setResolver(...)} (and
   * {@code setCache(null)} to see edits at once).
   */
  public Resolver resolver() {
    return resolver;
  }

  @Override
  public String toString() {
    return "SimulatedDns" + zones.records();
  }
}
