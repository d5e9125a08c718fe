package dev.fakemail.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of in-process {@link FakeMailServer}s that can relay mail to each other, each known by its
 * {@linkplain FakeMailConfig.Builder#hostname(String) host name}. A server joins when it
 * starts with {@code builder().network(net).hostname("mx.far.test")} and leaves when it closes; mail
 * routed (by MX, or A) to that host name goes to that server's SMTP listener.
 *
 * <pre>{@code
 * SimulatedNetwork net = new SimulatedNetwork();
 * FakeMailServer far = FakeMailServer.builder().network(net).hostname("mx.far.test").start();
 * FakeMailServer near = FakeMailServer.builder().network(net).hostname("mx.corp.test")
 *     .localDomain("corp.test").dnsRecord("far.test MX 10 mx.far.test").start();
 * }</pre>
 */
public final class SimulatedNetwork {
  private final Map<String, RelayHost> hosts = new ConcurrentHashMap<>();

  synchronized void join(String hostname, String address, int port) {
    String name = DnsRecord.normalizeName(hostname);
    if (hosts.containsKey(name)) {
      throw new IllegalStateException("the simulated network already has a server called " + name
          + "; give each server its own builder().hostname(...)");
    }
    hosts.put(name, new RelayHost(name, address, port));
  }

  void leave(String hostname) {
    hosts.remove(DnsRecord.normalizeName(hostname));
  }

  /** Where mail for this simulated host goes, if a server of this network has that name. */
  public Optional<RelayHost> endpoint(String hostname) {
    return Optional.ofNullable(hosts.get(DnsRecord.normalizeName(hostname)));
  }

  /** The host names of the running servers. */
  public Set<String> hostnames() {
    return Set.copyOf(hosts.keySet());
  }

  @Override
  public String toString() {
    return "SimulatedNetwork" + hosts.keySet();
  }
}
