package dev.fakemail.junit5.internal;

import dev.fakemail.core.FakeMailServer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a server: the steps applied to a fresh {@link FakeMailServer.Builder}, and where
 * they came from (for error messages). Immutable, so one settings object starts any number of
 * servers, one per class or per test.
 */
public final class ServerSettings {
  private final List<Consumer<FakeMailServer.Builder>> steps;
  private final String origin;

  public ServerSettings(List<Consumer<FakeMailServer.Builder>> steps, String origin) {
    this.steps = List.copyOf(steps);
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** Settings with every default. */
  public static ServerSettings defaults(String origin) {
    return new ServerSettings(List.of(), origin);
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
    return builder().start();
  }
}
