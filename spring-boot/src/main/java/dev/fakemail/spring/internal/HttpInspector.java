package dev.fakemail.spring.internal;

import dev.fakemail.core.FakeMailServer;

/**
 * The HTTP inspector of {@code @EnableFakeMail(http = true)}. Its classes come from
 * fakemail-http-inspector and Undertow, optional dependencies touched only when a test asks.
 */
final class HttpInspector implements AutoCloseable {
  private final AutoCloseable server;
  private final String url;
  private final int port;

  private HttpInspector(AutoCloseable server, String url, int port) {
    this.server = server;
    this.url = url;
    this.port = port;
  }

  static void requireOnClasspath(String origin) {
    for (String name : new String[] {"dev.fakemail.inspector.FakeMailHttpServer", "io.undertow.Undertow"}) {
      try {
        Class.forName(name, false, HttpInspector.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(origin + ": http = true needs dev.fakemail:fakemail-http-inspector and "
            + "io.undertow:undertow-core on the test classpath (" + name + " is missing)", e);
      }
    }
  }

  static HttpInspector start(FakeMailServer mail, String[] providerKeys, String origin) {
    dev.fakemail.inspector.FakeMailHttpServer.Builder b =
        dev.fakemail.inspector.FakeMailHttpServer.builder(mail).bindAddress(mail.host()).port(0);
    for (String key : providerKeys) {
      try {
        b.providerKey(key);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(origin + ": providerKeys: " + e.getMessage(), e);
      }
    }
    dev.fakemail.inspector.FakeMailHttpServer http = b.start();
    String base = http.baseUri().toString();
    return new HttpInspector(http, base.substring(0, base.length() - 1), http.port()); // without the trailing slash
  }

  String url() {
    return url;
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
