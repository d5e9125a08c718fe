package dev.fakemail.junit5.internal;

import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailServer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a server: the steps applied to a fresh {@link FakeMailServer.Builder}, the fault
 * rules set once it runs (and again after each reset, which clears them), and where all this came
 * from (for error messages). Immutable, so one settings object starts any number of servers.
 */
public final class ServerSettings {
  private final List<Consumer<FakeMailServer.Builder>> steps;
  private final List<Fault> faults;
  private final String origin;
  private final boolean http;

  public ServerSettings(List<Consumer<FakeMailServer.Builder>> steps, List<Fault> faults, String origin) {
    this(steps, faults, origin, false);
  }

  public ServerSettings(List<Consumer<FakeMailServer.Builder>> steps, List<Fault> faults, String origin, boolean http) {
    this.steps = List.copyOf(steps);
    this.faults = List.copyOf(faults);
    this.origin = Objects.requireNonNull(origin, "origin");
    this.http = http;
  }

  /** Whether the HTTP inspector is started next to the server. */
  public boolean http() {
    return http;
  }

  /** Settings with every default. */
  public static ServerSettings defaults(String origin) {
    return new ServerSettings(List.of(), List.of(), origin);
  }

  /** Where these settings were declared: {@code @FakeMail on SignupTest}. */
  public String origin() {
    return origin;
  }

  /** A fresh builder with every step applied; throws IllegalArgumentException on a bad setting. */
  public FakeMailServer.Builder builder() {
    FakeMailServer.Builder b = FakeMailServer.builder();
    steps.forEach(s -> s.accept(b));
    return b;
  }

  public FakeMailServer start() {
    FakeMailServer server = builder().start();
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
