package dev.fakemail.junit5.internal;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Publishes the host and ports of the running servers as system properties
 * ({@code fakemail.smtp.host}, {@code fakemail.smtp.port}, {@code fakemail.submission.port}, ...),
 * for frameworks that read their configuration from there.
 *
 * <p>One publisher per test run, kept in the root store of the extension context. When several
 * servers run at once (parallel classes, or a method-level server inside a class-level one), the
 * properties describe the most recently started one still running; when the last one stops, every
 * property goes back to the value it had before the first was published.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit before 5.13 closes nothing else
public final class SystemPropertyPublisher implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final Map<String, Optional<String>> originals = new LinkedHashMap<>();
  private final List<FakeMailServer> active = new ArrayList<>();

  /** The property names and values of one server. */
  public static Map<String, String> propertiesOf(FakeMailServer server) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Map.Entry<Listener, Integer> e : server.ports().entrySet()) {
      String prefix = "fakemail." + e.getKey().id() + ".";
      p.put(prefix + "host", server.host());
      p.put(prefix + "port", String.valueOf(e.getValue()));
    }
    return p;
  }

  public synchronized void publish(FakeMailServer server) {
    Map<String, String> props = propertiesOf(server);
    for (String key : props.keySet()) {
      originals.computeIfAbsent(key, k -> Optional.ofNullable(System.getProperty(k)));
    }
    active.add(server);
    props.forEach(System::setProperty);
  }

  public synchronized void withdraw(FakeMailServer server) {
    if (!active.remove(server)) {
      return;
    }
    Map<String, String> latest = active.isEmpty() ? Map.of() : propertiesOf(active.get(active.size() - 1));
    // each property goes straight to its new value: a test running meanwhile never sees it missing
    originals.forEach((key, original) -> set(key, latest.containsKey(key) ? latest.get(key) : original.orElse(null)));
    if (active.isEmpty()) {
      originals.clear();
    }
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** At the end of the run: whatever is still published goes back. */
  @Override
  public synchronized void close() {
    originals.forEach((key, original) -> set(key, original.orElse(null)));
    originals.clear();
    active.clear();
  }
}
