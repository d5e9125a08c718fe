package dev.fakemail.core;

import java.util.Locale;

/**
 * Where relayed mail for a simulated host really goes: the host name of an MX record (or of a
 * domain with only an A record) mapped to an endpoint on this machine, optionally with STARTTLS
 * and AUTH, as a smart host or relay service needs. The password stays out of {@link #toString()}.
 *
 * @param name the simulated host name, as in MX records ({@code mx.far.test}), lower case
 * @param host the real address to connect to ({@code 127.0.0.1})
 * @param port the real port
 * @param username the AUTH user, or an empty string for no AUTH
 * @param password the AUTH password, or an empty string
 * @param startTls whether to require STARTTLS before AUTH and MAIL (the certificate is not checked:
 *     the far end is a test server)
 */
public record RelayHost(String name, String host, int port, String username, String password, boolean startTls) {
  public RelayHost {
    name = DnsRecord.normalizeName(name);
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("relay host " + name + " needs an address to connect to");
    }
    host = host.strip();
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("relay host " + name + ": port must be 1..65535, got " + port);
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  public RelayHost(String name, String host, int port) {
    this(name, host, port, "", "", false);
  }

  /**
   * Parses the CLI form {@code name=host:port}, optionally followed by {@code ,starttls} and
   * {@code ,user=NAME,password=SECRET}: {@code mx.far.test=127.0.0.1:4525,starttls,user=relay,password=s3cret}.
   */
  public static RelayHost parse(String spec) {
    String[] parts = spec == null ? new String[0] : spec.strip().split(",");
    int eq = parts.length == 0 ? -1 : parts[0].indexOf('=');
    int colon = parts.length == 0 ? -1 : parts[0].lastIndexOf(':');
    if (eq <= 0 || colon < eq) {
      throw new IllegalArgumentException("expected name=host:port[,starttls][,user=NAME,password=SECRET], got '"
          + (spec == null ? "" : spec.replaceAll("password=[^,]*", "password=****")) + "'");
    }
    String name = parts[0].substring(0, eq);
    String host = parts[0].substring(eq + 1, colon);
    int port;
    try {
      port = Integer.parseInt(parts[0].substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("relay host " + name + ": '" + parts[0].substring(colon + 1) + "' is not a port", e);
    }
    String user = "";
    String password = "";
    boolean tls = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      String lower = p.toLowerCase(Locale.ROOT);
      if (lower.equals("starttls")) {
        tls = true;
      } else if (lower.startsWith("user=")) {
        user = p.substring(5);
      } else if (lower.startsWith("password=")) {
        password = p.substring(9);
      } else {
        throw new IllegalArgumentException("relay host " + name + ": unknown option '" + (lower.contains("=")
            ? lower.substring(0, lower.indexOf('=')) : p) + "' (expected starttls, user=, password=)");
      }
    }
    return new RelayHost(name, host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host,
        port, user, password, tls);
  }

  /** Whether AUTH is used. */
  public boolean authenticates() {
    return !username.isEmpty();
  }

  @Override
  public String toString() {
    return "RelayHost[" + name + "=" + host + ":" + port + (startTls ? ", starttls" : "")
        + (authenticates() ? ", user " + username + ", password ****" : "") + "]";
  }
}
