package dev.fakemail.core.internal.server;

import dev.fakemail.core.FakeMailServer;
import java.util.Objects;
import java.util.function.Function;

/**
 * Not API: the parts of a running {@link FakeMailServer}, for fakemail's own modules (the HTTP
 * inspector, the standalone program, benchmarks, tests). It keeps them off the server's public
 * surface, so they are not on a user's autocomplete; may change in any release without notice.
 *
 * <pre>{@code
 * MessageStore store = ServerInternals.of(server).store();
 * }</pre>
 */
public final class ServerInternals {
  private static volatile Function<FakeMailServer, ServerAssembly> access;

  private ServerInternals() {}

  /** The assembly of this server. */
  public static ServerAssembly of(FakeMailServer server) {
    Objects.requireNonNull(server, "server");
    // a FakeMailServer exists, so its class is initialized and has called grant(...)
    return access.apply(server);
  }

  /**
   * Called once, by {@link FakeMailServer}'s static initializer, with the function that reads a
   * server's assembly.
   *
   * @throws IllegalStateException on a second call
   */
  public static synchronized void grant(Function<FakeMailServer, ServerAssembly> accessor) {
    if (access != null) {
      throw new IllegalStateException("access to FakeMailServer's assembly was granted already");
    }
    access = Objects.requireNonNull(accessor, "accessor");
  }
}
