package dev.fakemail.junit5.internal;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import java.util.List;
import java.util.Objects;

/**
 * How to start a server: its {@link FakeMailConfig}, the fault rules set once it runs (and again
 * after each reset, which clears them), whether the HTTP inspector runs beside it, and where all
 * this came from (for error messages). Immutable, so one settings object starts any number of servers.
 */
public final class ServerSettings {
  private final FakeMailConfig config;
  private final List<Fault> faults;
  private final String origin;
  private final boolean http;
  private final List<String> providerKeys;

  public ServerSettings(FakeMailConfig config, List<Fault> faults, String origin, boolean http, List<String> providerKeys) {
    this.config = Objects.requireNonNull(config, "config");
    this.faults = List.copyOf(faults);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.http = http;
    this.providerKeys = List.copyOf(providerKeys);
    if (!http && !this.providerKeys.isEmpty()) {
      throw new org.junit.jupiter.api.extension.ExtensionConfigurationException(
          origin + ": providerKeys are keys of the HTTP inspector's provider APIs and need http = true");
    }
  }

  /** The provider keys ({@code provider:KEY}) the HTTP inspector accepts; empty: every key. */
  public List<String> providerKeys() {
    return providerKeys;
  }

  /** Whether the HTTP inspector is started next to the server. */
  public boolean http() {
    return http;
  }

  /** Settings with every default. */
  public static ServerSettings defaults(String origin) {
    return new ServerSettings(FakeMailConfig.builder().build(), List.of(), origin, false, List.of());
  }

  /** Where these settings were declared: {@code @FakeMail on SignupTest}. */
  public String origin() {
    return origin;
  }

  public FakeMailConfig config() {
    return config;
  }

  public FakeMailServer start() {
    FakeMailServer server = FakeMailServer.start(config);
    try {
      applyFaults(server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Sets this configuration's fault rules on the server (after start, and after each reset). */
  public void applyFaults(FakeMailServer server) {
    faults.forEach(server.faults()::add);
  }
}
