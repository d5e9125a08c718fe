package dev.fakemail.core;

import java.util.List;
import java.util.Locale;

/**
 * The simulated DNS of a server, the same whichever way the test reaches it: {@link SimulatedDns}
 * in-process ({@link FakeMailServer#dns()}), or the inspector client's remote DNS over HTTP. Its
 * zones decide where relayed mail goes and what SPF, DKIM and DMARC checks find.
 *
 * <pre>{@code
 * mail.dns().mx("far.test", 10, "mx.far.test").spf("far.test", "v=spf1 ip4:127.0.0.1 -all");
 * mail.dns().add("far.test MX 20 backup.far.test");
 * }</pre>
 */
public interface DnsControl {
  /**
   * Adds a record in the CLI form {@code name TYPE value}, e.g. {@code far.test MX 10 mx.far.test}.
   *
   * @param record the record
   * @return this
   * @throws IllegalArgumentException when it is not a record
   */
  DnsControl add(String record);

  /**
   * Adds a record.
   *
   * @param record the record
   * @return this
   */
  DnsControl add(DnsRecord record);

  /**
   * Removes records: {@code "far.test"} removes all of that name, {@code "far.test MX"} all its MX
   * records, {@code "far.test MX 10 mx.far.test"} just that one.
   *
   * @param spec what to remove
   * @return how many were removed
   */
  int remove(String spec);

  /**
   * Removes the record with this name, type and value (the TTL does not matter).
   *
   * @param record the record
   * @return how many were removed
   */
  int remove(DnsRecord record);

  /**
   * Removes every record; {@link MailInspector#reset()} brings back the start-up records.
   *
   * @return how many were removed
   */
  int clear();

  /** @return every record, grouped by name in the order names were first added */
  List<DnsRecord> records();

  /**
   * The records of one name.
   *
   * @param name the name
   * @return its records
   */
  default List<DnsRecord> records(String name) {
    String n = DnsRecord.normalizeName(name);
    return records().stream().filter(r -> r.name().equals(n)).toList();
  }

  /**
   * Adds an MX record: mail for {@code domain} goes to {@code host}, lowest preference first.
   *
   * @param domain the domain
   * @param preference lower is tried first
   * @param host the mail host
   * @return this
   */
  default DnsControl mx(String domain, int preference, String host) {
    return add(DnsRecord.of(domain, "MX", preference + " " + host));
  }

  /**
   * Adds an A record (an IPv4 address, never looked up anywhere).
   *
   * @param name the name
   * @param ipv4 the address
   * @return this
   */
  default DnsControl a(String name, String ipv4) {
    return add(DnsRecord.of(name, "A", ipv4));
  }

  /**
   * Adds an AAAA record.
   *
   * @param name the name
   * @param ipv6 the address
   * @return this
   */
  default DnsControl aaaa(String name, String ipv6) {
    return add(DnsRecord.of(name, "AAAA", ipv6));
  }

  /**
   * Adds a TXT record (SPF, DMARC, DKIM keys...); longer than 255 octets is split into strings.
   *
   * @param name the name
   * @param text the text
   * @return this
   */
  default DnsControl txt(String name, String text) {
    return add(DnsRecord.of(name, "TXT", text));
  }

  /**
   * Adds a CNAME record.
   *
   * @param name the alias
   * @param target the canonical name
   * @return this
   */
  default DnsControl cname(String name, String target) {
    return add(DnsRecord.of(name, "CNAME", target));
  }

  /**
   * Adds a PTR record.
   *
   * @param name the reverse name
   * @param target the host name
   * @return this
   */
  default DnsControl ptr(String name, String target) {
    return add(DnsRecord.of(name, "PTR", target));
  }

  /**
   * Publishes the SPF record of {@code domain}, replacing its SPF record.
   *
   * @param domain the domain
   * @param record e.g. {@code v=spf1 ip4:127.0.0.1 -all}
   * @return this
   */
  default DnsControl spf(String domain, String record) {
    if (!record.strip().toLowerCase(Locale.ROOT).startsWith("v=spf1")) {
      throw new IllegalArgumentException("an SPF record starts with v=spf1, got '" + record + "'");
    }
    return replaceTxt(domain, "v=spf1", record.strip());
  }

  /**
   * Publishes the DMARC record of {@code domain} at {@code _dmarc.domain}, replacing one there.
   *
   * @param domain the domain
   * @param record e.g. {@code v=DMARC1; p=reject}
   * @return this
   */
  default DnsControl dmarc(String domain, String record) {
    if (!record.strip().startsWith("v=DMARC1")) {
      throw new IllegalArgumentException("a DMARC record starts with v=DMARC1, got '" + record + "'");
    }
    return replaceTxt("_dmarc." + DnsRecord.normalizeName(domain), "v=DMARC1", record.strip());
  }

  private DnsControl replaceTxt(String name, String prefix, String text) {
    for (DnsRecord r : records(name)) {
      if (r.type().equals("TXT") && r.value().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
        remove(r);
      }
    }
    return txt(name, text);
  }
}
