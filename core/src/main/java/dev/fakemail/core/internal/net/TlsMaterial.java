package dev.fakemail.core.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The server's key and certificate, and the SSL contexts made from them. By default the
 * self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} shipped in this jar
 * (valid for 100 years); or a PKCS12/JKS keystore of the user's. TLS 1.2 and 1.3 only.
 */
public final class TlsMaterial {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final String BUILT_IN = "fakemail-selfsigned.p12";
  private static final char[] BUILT_IN_PASSWORD = "fakemail".toCharArray();

  private final SSLContext serverContext;
  private final X509Certificate certificate;
  private final KeyStore trustStore;

  private TlsMaterial(KeyStore keyStore, char[] password) throws GeneralSecurityException, IOException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, password);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    X509Certificate cert = null;
    for (String alias : Collections.list(keyStore.aliases())) {
      if (keyStore.isKeyEntry(alias)) {
        Certificate c = keyStore.getCertificate(alias);
        if (c instanceof X509Certificate x) {
          cert = x;
          break;
        }
      }
    }
    if (cert == null) {
      throw new GeneralSecurityException("the keystore holds no private key with an X.509 certificate");
    }
    certificate = cert;
    trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("fakemail", cert);
  }

  /**
   * The certificate shipped with fakemail. Loaded once per JVM and shared: reading the PKCS12 file
   * and setting up its SSL context costs tens of milliseconds, which a test suite starting a server
   * per test would otherwise pay every time. Shared safely because nothing here changes after construction.
   */
  public static TlsMaterial builtIn() {
    return BuiltIn.MATERIAL;
  }

  /** Holder of the built-in material, made on first use. */
  private static final class BuiltIn {
    static final TlsMaterial MATERIAL = loadBuiltIn();
  }

  private static TlsMaterial loadBuiltIn() {
    try (InputStream in = TlsMaterial.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in keystore " + BUILT_IN + " missing from the jar");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, BUILT_IN_PASSWORD);
      return new TlsMaterial(ks, BUILT_IN_PASSWORD);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the built-in TLS certificate", e);
    }
  }

  /** A keystore file of the user's (PKCS12 or JKS, told apart by content). */
  public static TlsMaterial fromKeyStore(Path file, char[] password) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("keystore " + file + " does not exist or cannot be read");
    }
    List<String> tried = new ArrayList<>();
    for (String type : new String[] {"PKCS12", "JKS"}) {
      try (InputStream in = Files.newInputStream(file)) {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(in, password);
        return new TlsMaterial(ks, password);
      } catch (IOException | GeneralSecurityException e) {
        tried.add(type + ": " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("cannot read keystore " + file + " (" + String.join("; ", tried) + ")");
  }

  /** Wraps an accepted socket in server-side TLS; the handshake happens at the first read or write. */
  public SSLSocket wrap(Socket plain) throws IOException {
    SSLSocket s = (SSLSocket) serverContext.getSocketFactory()
        .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    s.setUseClientMode(false);
    SSLParameters params = s.getSSLParameters();
    params.setProtocols(PROTOCOLS);
    s.setSSLParameters(params);
    return s;
  }

  /** An SSL context for clients that trusts this certificate (and only it). */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, tmf.getTrustManagers(), null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A new key store holding only the server certificate, as a trusted entry (a copy: the caller may change it). */
  public KeyStore trustStore() {
    try {
      KeyStore copy = KeyStore.getInstance("PKCS12");
      copy.load(null, null);
      copy.setCertificateEntry("fakemail", certificate);
      return copy;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate, PEM encoded. */
  public String certificatePem() {
    try {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          .encodeToString(certificate.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
