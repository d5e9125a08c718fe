package dev.fakemail.junit5.internal;

import dev.fakemail.core.FakeMailServer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server kept in an {@link ExtensionContext.Store}: JUnit closes it when the class or test it
 * belongs to ends, which withdraws its system properties and stops it.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit before 5.13 closes nothing else
public final class RunningServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final FakeMailServer server;
  private final ServerSettings settings;
  private final Object owner;
  private final SystemPropertyPublisher publisher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final HttpInspector http;

  private RunningServer(FakeMailServer server, ServerSettings settings, Object owner, SystemPropertyPublisher publisher,
                        HttpInspector http) {
    this.server = server;
    this.settings = settings;
    this.owner = owner;
    this.publisher = publisher;
    this.http = http;
  }

  /** Starts a server (and its HTTP inspector when asked for) and publishes its properties. */
  public static RunningServer start(ServerSettings settings, Object owner, SystemPropertyPublisher publisher) {
    FakeMailServer server = settings.start();
    HttpInspector http = null;
    if (settings.http()) {
      try {
        http = HttpInspector.start(server, settings.providerKeys(), settings.origin());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    publisher.publish(server);
    return new RunningServer(server, settings, owner, publisher, http);
  }

  /** The HTTP inspector's port, when {@code http = true}. */
  public java.util.OptionalInt httpPort() {
    return http == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(http.port());
  }

  /** Empties the server for the next test: {@link FakeMailServer#reset()}, then the configured fault rules again. */
  public void reset() {
    server.reset();
    settings.applyFaults(server);
  }

  public FakeMailServer server() {
    return server;
  }

  /** The extension instance that started it (the shared marker for {@code @FakeMail}). */
  public Object owner() {
    return owner;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        publisher.withdraw(server);
        if (http != null) {
          http.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException("closing the HTTP inspector failed", e);
      } finally {
        server.close();
      }
    }
  }
}
