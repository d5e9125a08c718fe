package dev.fakemail.core.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A test-only HTTPS proxy on loopback for SDKs whose endpoint is built in (resend-java's
 * {@code https://api.resend.com}): it answers {@code CONNECT host:443}, ends the TLS the SDK starts
 * with a certificate for {@code host} made by {@code keytool} for this run, and passes the plain HTTP
 * on to fakemail's HTTP port. The SDK is pointed at it with the JVM's standard properties
 * ({@code https.proxyHost}/{@code https.proxyPort}, {@code javax.net.ssl.trustStore}: {@link #installAsJvmProxy}),
 * the SDK itself unchanged. Nothing leaves loopback: every tunnel, whatever host it names, ends at fakemail.
 */
public final class InterceptingProxy implements AutoCloseable {
  private static final String PASSWORD = "changeit";
  private final ServerSocket server;
  private final SSLSocketFactory tls;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "intercepting-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Path keyStore;
  private volatile int targetPort;

  private InterceptingProxy(Path keyStore) throws Exception {
    this.keyStore = keyStore;
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    tls = context.getSocketFactory();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** A proxy whose certificate names {@code host}, made in {@code dir} with the JDK's keytool. */
  public static InterceptingProxy forHost(String host, Path dir) throws Exception {
    Path ks = dir.resolve("intercept.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "intercept", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=" + host, "-ext", "SAN=dns:" + host, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    return new InterceptingProxy(ks);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The JVM-wide properties {@link #installAsJvmProxy} sets, with what they were before; restored by {@link #close}. */
  private final Map<String, String> replaced = new LinkedHashMap<>();

  /**
   * Points this JVM's HTTPS at the proxy, the way an SDK with a built-in endpoint is reached:
   * {@code https.proxyHost}/{@code https.proxyPort} and a trust store of the proxy's certificate.
   * {@link #close} puts the properties back as they were.
   */
  public void installAsJvmProxy() {
    set("https.proxyHost", "127.0.0.1");
    set("https.proxyPort", Integer.toString(port()));
    set("javax.net.ssl.trustStore", keyStore.toString());
    set("javax.net.ssl.trustStorePassword", PASSWORD);
    set("javax.net.ssl.trustStoreType", "PKCS12");
  }

  private void set(String property, String value) {
    replaced.putIfAbsent(property, System.getProperty(property));
    System.setProperty(property, value);
  }

  /** Where the tunnels go: fakemail's HTTP port on loopback. */
  public void target(int port) {
    targetPort = port;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        threads.execute(() -> tunnel(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void tunnel(Socket client) {
    try (client) {
      String head = readHead(client.getInputStream());
      if (!head.startsWith("CONNECT ")) {
        client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      try (SSLSocket inner = (SSLSocket) tls.createSocket(client, null, client.getPort(), false);
           Socket upstream = new Socket()) {
        inner.setUseClientMode(false);
        inner.startHandshake();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
        threads.execute(() -> pump(upstream, inner));
        pump(inner, upstream);
      }
    } catch (IOException e) {
      // the SDK or fakemail closed the connection
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[16384];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      try {
        to.close();
        from.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0 || head.size() > 8192) {
        throw new IOException("no CONNECT head");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    replaced.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
    replaced.clear();
    server.close();
    threads.shutdownNow();
  }
}
