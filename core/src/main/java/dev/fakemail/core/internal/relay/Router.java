package dev.fakemail.core.internal.relay;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.RelayHost;
import dev.fakemail.core.SimulatedNetwork;
import dev.fakemail.core.internal.dns.Zones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Where mail for a domain goes (RFC 5321 §5.1): its MX hosts by preference, else the domain itself
 * when it has an address record. Each host name is then mapped to a real endpoint, by a relay host
 * mapping or a server of the simulated network. Nothing else is ever connected to: a host without
 * a mapping is no route.
 */
public final class Router {
  private final Zones zones;
  private final Map<String, RelayHost> relayHosts;
  private final SimulatedNetwork network;
  private final String self;

  /** {@code network} may be null; {@code self} is this server's own host name. */
  public Router(Zones zones, Map<String, RelayHost> relayHosts, SimulatedNetwork network, String self) {
    this.zones = zones;
    this.relayHosts = Map.copyOf(relayHosts);
    this.network = network;
    this.self = DnsRecord.normalizeName(self);
  }

  /** A route: the hosts to try in order, or why there is none. */
  public record Route(List<RelayHost> hosts, RemoteReply noRoute) {
    static Route none(RemoteReply why) {
      return new Route(List.of(), why);
    }

    public boolean exists() {
      return !hosts.isEmpty();
    }
  }

  public Route route(String domain) {
    String d;
    try {
      d = DnsRecord.normalizeName(domain);
    } catch (IllegalArgumentException e) {
      return Route.none(RemoteReply.of(550, "5.1.2", "Bad destination domain '" + domain + "'"));
    }
    List<String> names = new ArrayList<>();
    List<Record> mx;
    try {
      mx = zones.lookup(d, Type.MX);
    } catch (IllegalArgumentException e) {
      return Route.none(RemoteReply.of(550, "5.1.2", "Bad destination domain '" + domain + "'"));
    }
    if (!mx.isEmpty()) {
      List<MXRecord> sorted = mx.stream().map(MXRecord.class::cast)
          .sorted(Comparator.comparingInt(MXRecord::getPriority)).toList();
      if (sorted.size() == 1 && sorted.get(0).getTarget().equals(Name.root)) {
        return Route.none(RemoteReply.of(556, "5.1.10", "Domain " + d + " does not accept mail (null MX, RFC 7505)"));
      }
      for (MXRecord r : sorted) {
        if (!r.getTarget().equals(Name.root)) {
          names.add(Zones.text(r.getTarget()));
        }
      }
    } else if (!zones.lookup(d, Type.A).isEmpty() || !zones.lookup(d, Type.AAAA).isEmpty() || endpoint(d).isPresent()) {
      names.add(d); // the implicit MX (RFC 5321 §5.1)
    } else {
      return Route.none(RemoteReply.of(550, "5.4.4", "No route to " + d + ": no MX or A record in the simulated DNS"));
    }
    List<RelayHost> hosts = new ArrayList<>();
    for (String n : names) {
      if (n.equals(self)) {
        return Route.none(RemoteReply.of(550, "5.4.6", "Mail for " + d + " loops back to me (" + self
            + "); declare it with localDomain"));
      }
      endpoint(n).ifPresent(hosts::add);
    }
    if (hosts.isEmpty()) {
      return Route.none(RemoteReply.of(550, "5.4.4", "No route to " + d + ": " + String.join(", ", names)
          + (names.size() == 1 ? " is" : " are") + " not mapped to an endpoint (relayHost or a server of the simulated network)"));
    }
    return new Route(List.copyOf(hosts), null);
  }

  private Optional<RelayHost> endpoint(String name) {
    RelayHost h = relayHosts.get(name);
    if (h != null) {
      return Optional.of(h);
    }
    return network == null ? Optional.empty() : network.endpoint(name);
  }
}
