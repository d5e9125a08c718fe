package dev.fakemail.core.internal.dns;

import dev.fakemail.core.DnsRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Header;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The in-memory zones of the simulated DNS: every name is authoritative here, unknown names are
 * NXDOMAIN, a known name without the type asked for is NODATA. Copy-on-write, so reads (queries,
 * routing) never block; edits are serialised.
 */
public final class Zones {
  /** UDP payload this server offers with EDNS (RFC 6891, the DNS flag day 2020 value). */
  static final int EDNS_PAYLOAD = 1232;
  /** TTL of the RFC 8482 answer to ANY (the RFC suggests a long one: it never changes). */
  private static final long ANY_TTL = 86_400;
  private static final int MAX_CNAME_CHAIN = 8;

  private final List<Record> initial;
  private volatile Map<Name, List<Record>> byName = Map.of();

  public Zones(List<DnsRecord> startup) {
    for (DnsRecord r : startup) {
      add(r);
    }
    this.initial = all();
  }

  // ---- editing ----

  /** Adds a record (a duplicate is ignored); a CNAME cannot share its name with other data. */
  public synchronized void add(DnsRecord record) {
    Record r = toRecord(record);
    Map<Name, List<Record>> m = new LinkedHashMap<>(byName);
    List<Record> rs = new ArrayList<>(m.getOrDefault(r.getName(), List.of()));
    boolean hasCname = rs.stream().anyMatch(x -> x.getType() == Type.CNAME);
    if (r.getType() == Type.CNAME ? !rs.isEmpty() && !rs.contains(r) : hasCname) {
      throw new IllegalArgumentException(record.name() + " cannot have a CNAME and other records (RFC 1034 §3.6.2)");
    }
    if (rs.stream().noneMatch(x -> x.equals(r))) {
      rs.add(r);
    }
    m.put(r.getName(), List.copyOf(rs));
    byName = m;
  }

  /**
   * Removes the records of a name: all of them ({@code type} null), all of a type ({@code value}
   * null), or the one with this value. Returns how many went.
   */
  public synchronized int remove(String name, String type, String value) {
    Name n = name(DnsRecord.normalizeName(name));
    List<Record> rs = byName.getOrDefault(n, List.of());
    Record exact = type != null && value != null ? toRecord(new DnsRecord(name, type, value, 0)) : null;
    int t = type == null ? -1 : Type.value(type);
    List<Record> kept = rs.stream().filter(r -> !(type == null
        || (r.getType() == t && (exact == null || r.rdataToString().equals(exact.rdataToString()))))).toList();
    int removed = rs.size() - kept.size();
    if (removed > 0) {
      Map<Name, List<Record>> m = new LinkedHashMap<>(byName);
      if (kept.isEmpty()) {
        m.remove(n);
      } else {
        m.put(n, kept);
      }
      byName = m;
    }
    return removed;
  }

  /** Back to the records given at start-up. */
  public synchronized void reset() {
    byName = Map.of();
    Map<Name, List<Record>> m = new LinkedHashMap<>();
    for (Record r : initial) {
      m.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    byName = m;
  }

  public List<DnsRecord> records() {
    return all().stream().map(Zones::toDnsRecord).toList();
  }

  private List<Record> all() {
    List<Record> out = new ArrayList<>();
    byName.values().forEach(out::addAll);
    return out;
  }

  // ---- lookups ----

  /** The records of this type at this name, following CNAMEs; empty for NXDOMAIN and NODATA. */
  public List<Record> lookup(String name, int type) {
    Name n = name(DnsRecord.normalizeName(name));
    for (int i = 0; i < MAX_CNAME_CHAIN; i++) {
      List<Record> rs = byName.get(n);
      if (rs == null) {
        return List.of();
      }
      List<Record> match = rs.stream().filter(r -> r.getType() == type).toList();
      if (!match.isEmpty() || type == Type.CNAME) {
        return match;
      }
      Record cname = rs.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
      if (cname == null) {
        return List.of();
      }
      n = ((CNAMERecord) cname).getTarget();
    }
    return List.of();
  }

  /** Whether the name exists at all (has any record). */
  public boolean exists(String name) {
    return byName.containsKey(name(DnsRecord.normalizeName(name)));
  }

  /** The authoritative answer to a query, as a server sends it. */
  public Message answer(Message query) {
    Header qh = query.getHeader();
    Message response = new Message(qh.getID());
    Header h = response.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(qh.getOpcode());
    if (qh.getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    Record question = query.getQuestion();
    if (qh.getOpcode() != Opcode.QUERY) {
      h.setRcode(Rcode.NOTIMP);
      return response;
    }
    if (question == null) {
      h.setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    int type = question.getType();
    if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
      h.setRcode(Rcode.REFUSED);
      return response;
    }
    if (type == Type.AXFR || type == Type.IXFR) {
      h.setRcode(Rcode.REFUSED);
      return response;
    }
    h.setFlag(Flags.AA);
    Name n = question.getName().toString().equals(".") ? Name.root : lower(question.getName());
    if (type == Type.ANY) {
      // RFC 8482 §4.2: one synthesized HINFO record instead of every record of the name
      if (byName.containsKey(n)) {
        response.addRecord(new HINFORecord(question.getName(), DClass.IN, ANY_TTL, "RFC8482", ""), Section.ANSWER);
      } else {
        h.setRcode(Rcode.NXDOMAIN);
      }
      return response;
    }
    for (int i = 0; i < MAX_CNAME_CHAIN; i++) {
      List<Record> rs = byName.get(n);
      if (rs == null) {
        h.setRcode(Rcode.NXDOMAIN);
        return response;
      }
      List<Record> match = rs.stream().filter(r -> type == Type.ANY || r.getType() == type).toList();
      if (!match.isEmpty()) {
        match.forEach(r -> response.addRecord(r, Section.ANSWER));
        return response;
      }
      Record cname = rs.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
      if (cname == null) {
        return response; // NODATA
      }
      response.addRecord(cname, Section.ANSWER);
      n = ((CNAMERecord) cname).getTarget();
    }
    return response;
  }

  // ---- conversion ----

  static Record toRecord(DnsRecord d) {
    Name name = name(d.name());
    long ttl = d.ttl();
    String v = d.value();
    try {
      return switch (d.type()) {
        case "A" -> new ARecord(name, DClass.IN, ttl, address(v, Address.IPv4, d));
        case "AAAA" -> new AAAARecord(name, DClass.IN, ttl, address(v, Address.IPv6, d));
        case "MX" -> {
          String[] p = v.split("\\s+");
          if (p.length != 2 || !p[0].chars().allMatch(Character::isDigit) || p[0].length() > 5) {
            throw new IllegalArgumentException("an MX value is 'preference host', e.g. '10 mx.far.test', got '" + v + "'");
          }
          int pref = Integer.parseInt(p[0]);
          if (pref > 65535) {
            throw new IllegalArgumentException("MX preference must be 0..65535, got " + pref);
          }
          yield new MXRecord(name, DClass.IN, ttl, pref, target(p[1]));
        }
        case "CNAME" -> new CNAMERecord(name, DClass.IN, ttl, target(single(v, d)));
        case "PTR" -> new PTRRecord(name, DClass.IN, ttl, target(single(v, d)));
        case "TXT" -> new TXTRecord(name, DClass.IN, ttl, chunks(v));
        default -> throw new IllegalArgumentException("unsupported type " + d.type());
      };
    } catch (org.xbill.DNS.RelativeNameException e) {
      throw new IllegalArgumentException("bad name in " + d + ": " + e.getMessage(), e);
    }
  }

  static DnsRecord toDnsRecord(Record r) {
    String value;
    if (r instanceof ARecord a) {
      value = a.getAddress().getHostAddress();
    } else if (r instanceof AAAARecord a) {
      value = a.getAddress().getHostAddress();
    } else if (r instanceof MXRecord mx) {
      value = mx.getPriority() + " " + text(mx.getTarget());
    } else if (r instanceof CNAMERecord c) {
      value = text(c.getTarget());
    } else if (r instanceof PTRRecord p) {
      value = text(p.getTarget());
    } else if (r instanceof TXTRecord t) {
      value = String.join("", t.getStrings());
    } else {
      value = r.rdataToString();
    }
    return new DnsRecord(text(r.getName()), Type.string(r.getType()), value, r.getTTL());
  }

  /** A name without the final dot; the root stays {@code .}. */
  public static String text(Name n) {
    String s = n.toString();
    return s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1).toLowerCase(java.util.Locale.ROOT) : s;
  }

  static Name name(String normalized) {
    try {
      return normalized.equals(".") ? Name.root : Name.fromString(normalized + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + normalized + "' is not a DNS name: " + e.getMessage(), e);
    }
  }

  private static Name lower(Name n) {
    return name(DnsRecord.normalizeName(n.toString()));
  }

  private static Name target(String host) {
    return name(DnsRecord.normalizeName(host));
  }

  private static String single(String v, DnsRecord d) {
    if (v.split("\\s+").length != 1) {
      throw new IllegalArgumentException("a " + d.type() + " value is one host name, got '" + v + "'");
    }
    return v;
  }

  private static InetAddress address(String v, int family, DnsRecord d) {
    try {
      return Address.getByAddress(v, family);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an " + d.type() + " value is an " + (family == Address.IPv4 ? "IPv4" : "IPv6")
          + " address, got '" + v + "'", e);
    }
  }

  private static List<String> chunks(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 255) {
      out.add(text.substring(i, Math.min(text.length(), i + 255)));
    }
    return out;
  }
}
