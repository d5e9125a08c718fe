package dev.fakemail.core.internal.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address block such as {@code 10.0.0.0/8}, {@code 192.0.2.7} (one address) or {@code fd00::/8}.
 * Parsed from literals only: never a name lookup. An IPv4-mapped IPv6 client address
 * ({@code ::ffff:10.1.2.3}) matches the IPv4 block.
 */
public record Cidr(byte[] network, int prefix) {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public Cidr {
    network = network.clone();
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /** Parses {@code address/prefix} or a single address; IllegalArgumentException saying what is wrong. */
  public static Cidr parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    InetAddress a = literal(addr);
    if (a == null) {
      throw new IllegalArgumentException("a relay network is an IP address or address/prefix such as 10.0.0.0/8 or fd00::/8, got '"
          + spec + "'");
    }
    byte[] bytes = a.getAddress();
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("the prefix of '" + spec + "' must be 0.." + max);
      }
    }
    return new Cidr(mask(bytes, prefix), prefix);
  }

  /** Whether this block holds the address (a literal such as a client address; anything else: false). */
  public boolean contains(String address) {
    InetAddress a = literal(address);
    return a != null && contains(a);
  }

  public boolean contains(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length != network.length) {
      return false;
    }
    return java.util.Arrays.equals(mask(b, prefix), network);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] m = bytes.clone();
    for (int i = 0; i < m.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      m[i] = (byte) (m[i] & (0xff00 >> bits));
    }
    return m;
  }

  /** An IP literal as an address (IPv4-mapped IPv6 becomes IPv4 by the JDK), or null; never a lookup. */
  private static InetAddress literal(String s) {
    String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    if (!IPV4.matcher(a).matches() && !a.contains(":")) {
      return null;
    }
    if (IPV4.matcher(a).matches()) {
      for (String part : a.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(a); // a literal (checked above): no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      return "?/" + prefix;
    }
  }
}
