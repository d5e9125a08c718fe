package dev.fakemail.core.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A keystore of the user's replaces the built-in certificate on every TLS listener, and a bad one is a clear error. */
@Timeout(60)
class UserKeystoreIT {
  private static final char[] PASSWORD = "secret123".toCharArray();

  @TempDir
  static Path dir;
  static Path keystore;

  /** Made with the JDK's keytool, so that the key is not fakemail's own. */
  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = dir.resolve("mine.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mine", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=mail.example.test", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool: " + out);
  }

  @Test
  void smtpsServesTheUsersCertificate() throws Exception {
    try (FakeMailServer server = FakeMailServer.builder().keystore(keystore, PASSWORD).start()) {
      X509Certificate served = server.tls().certificate();
      assertEquals("CN=mail.example.test", served.getSubjectX500Principal().getName());
      try (SSLSocket s = (SSLSocket) server.tls().clientSocketFactory().createSocket("127.0.0.1", server.port(Listener.SMTPS))) {
        s.startHandshake(); // trusts only the certificate above: a handshake with any other fails
        assertEquals(served, s.getSession().getPeerCertificates()[0]);
        String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertTrue(greeting.startsWith("220 "), greeting);
      }
    }
  }

  @Test
  void aWrongPasswordIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakeMailServer.builder().keystore(keystore, "wrong".toCharArray()).start().close());
    assertTrue(e.getMessage().startsWith("cannot read keystore " + keystore), e.getMessage());
  }
}
