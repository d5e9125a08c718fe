package dev.fakemail.core;

import java.util.Locale;
import java.util.Set;

/**
 * One record of the simulated DNS, in the form of a zone file line without the class:
 * {@code far.test MX 10 mx.far.test}. Names are given without the final dot.
 *
 * @param name the owner name, lower case, without the final dot ({@code far.test})
 * @param type A, AAAA, MX, TXT, CNAME or PTR
 * @param value the data as in a zone file: {@code 10 mx.far.test} for MX, an address for A and
 *     AAAA, a host name for CNAME and PTR, the text for TXT (without quotes)
 * @param ttl seconds
 */
public record DnsRecord(String name, String type, String value, long ttl) {
  /** The TTL of records given without one. */
  public static final long DEFAULT_TTL = 300;
  /** The record types the simulated DNS holds. */
  public static final Set<String> TYPES = Set.of("A", "AAAA", "MX", "TXT", "CNAME", "PTR");

  public DnsRecord {
    name = normalizeName(name);
    if (type == null || !TYPES.contains(type.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("DNS record type must be one of A, AAAA, MX, TXT, CNAME, PTR, got '" + type + "'");
    }
    type = type.toUpperCase(Locale.ROOT);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a " + type + " record for " + name + " needs a value");
    }
    value = value.strip();
    if (ttl < 0 || ttl > 0x7fffffffL) {
      throw new IllegalArgumentException("TTL must be 0.." + 0x7fffffffL + ", got " + ttl);
    }
  }

  public static DnsRecord of(String name, String type, String value) {
    return new DnsRecord(name, type, value, DEFAULT_TTL);
  }

  /**
   * Parses {@code name TYPE value} or {@code name TTL TYPE value}, as the CLI and the annotation
   * take it: {@code far.test MX 10 mx.far.test}, {@code far.test TXT v=spf1 -all}.
   */
  public static DnsRecord parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("expected 'name TYPE value', got an empty string");
    }
    String[] p = spec.strip().split("\\s+", 3);
    if (p.length < 3) {
      throw new IllegalArgumentException("expected 'name TYPE value' (e.g. 'far.test MX 10 mx.far.test'), got '" + spec + "'");
    }
    long ttl = DEFAULT_TTL;
    String type = p[1];
    String value = p[2];
    if (p[1].chars().allMatch(Character::isDigit)) {
      String[] q = p[2].split("\\s+", 2);
      if (q.length < 2) {
        throw new IllegalArgumentException("expected 'name TTL TYPE value', got '" + spec + "'");
      }
      ttl = Long.parseLong(p[1]);
      type = q[0];
      value = q[1];
    }
    if (type.equalsIgnoreCase("IN")) {
      throw new IllegalArgumentException("leave out the class IN: 'name TYPE value', got '" + spec + "'");
    }
    if (type.equalsIgnoreCase("TXT") && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        && value.indexOf('"', 1) == value.length() - 1) {
      value = value.substring(1, value.length() - 1);
    }
    return new DnsRecord(p[0], type, value, ttl);
  }

  /** Lower case, no final dot. */
  public static String normalizeName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a DNS name must not be blank");
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.endsWith(".") && n.length() > 1) {
      n = n.substring(0, n.length() - 1);
    }
    return n;
  }

  /** The zone file form, {@code far.test 300 MX 10 mx.far.test}. */
  @Override
  public String toString() {
    return name + " " + ttl + " " + type + " " + value;
  }
}
