package dev.fakemail.junit5.internal;

import dev.fakemail.core.FakeMailServer;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The HTTP inspector started next to a server for {@code @FakeMail(http = true)}. Its classes come
 * from fakemail-http-inspector (and Undertow), an optional dependency that only tests asking for
 * HTTP need; they are touched only when a test asks, so the extension runs without them otherwise.
 */
public final class HttpInspector implements AutoCloseable {
  private final AutoCloseable server;
  private final int port;

  private HttpInspector(AutoCloseable server, int port) {
    this.server = server;
    this.port = port;
  }

  public static void requireOnClasspath(String origin) {
    for (String name : new String[] {"dev.fakemail.inspector.FakeMailHttpServer", "io.undertow.Undertow"}) {
      try {
        Class.forName(name, false, HttpInspector.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ExtensionConfigurationException(origin + ": http = true needs dev.fakemail:fakemail-http-inspector and "
            + "io.undertow:undertow-core on the test classpath (" + name + " is missing)", e);
      }
    }
  }

  /**
   * Starts the inspector on a free port of the server's address, accepting only {@code
   * providerKeys} on the provider APIs they name.
   *
   * @throws ExtensionConfigurationException naming {@code origin} when a provider key is wrong
   */
  static HttpInspector start(FakeMailServer mail, List<String> providerKeys, String origin) {
    dev.fakemail.inspector.FakeMailHttpServer.Builder b =
        dev.fakemail.inspector.FakeMailHttpServer.builder(mail).bindAddress(mail.host()).port(0);
    for (String key : providerKeys) {
      try {
        b.providerKey(key);
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(origin + ": providerKeys: " + e.getMessage(), e);
      }
    }
    dev.fakemail.inspector.FakeMailHttpServer http = b.start();
    return new HttpInspector(http, http.port());
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
