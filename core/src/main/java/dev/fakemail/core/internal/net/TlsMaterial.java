package dev.fakemail.core.internal.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's key and certificate, and the SSL contexts made from them. By default the
 * self-signed certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} shipped in this jar
 * (valid for 100 years); or a PKCS12/JKS keystore of the user's. TLS 1.2 and 1.3 only.
 */
public final class TlsMaterial {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  /** The built-in key (unencrypted PKCS#8: it is public anyway, and a PKCS12 file would cost 10,000 PBKDF2 rounds a start) and certificate, DER. */
  private static final String BUILT_IN_KEY = "fakemail-selfsigned.key";
  private static final String BUILT_IN_CERTIFICATE = "fakemail-selfsigned.crt";

  private final SSLContext serverContext;
  private final X509Certificate certificate;

  private TlsMaterial(KeyManager[] keyManagers, X509Certificate certificate) throws GeneralSecurityException {
    serverContext = SSLContext.getInstance("TLS");
    // No trust managers: the server asks for no client certificate, so the JDK's CA list need not be loaded.
    serverContext.init(keyManagers, new TrustManager[0], null);
    this.certificate = certificate;
  }

  private static TlsMaterial of(KeyStore keyStore, char[] password) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, password);
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
    return new TlsMaterial(kmf.getKeyManagers(), cert);
  }

  /**
   * The certificate shipped with fakemail. Loaded once per JVM and shared: setting up its SSL context
   * costs some 100 ms in a cold JVM and milliseconds after, which a test suite starting a server
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
    try {
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(resource(BUILT_IN_KEY)));
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(resource(BUILT_IN_CERTIFICATE)));
      return new TlsMaterial(new KeyManager[] {new SingleKeyManager(key, cert)}, cert);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the built-in TLS certificate", e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TlsMaterial.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  /** Serves one key and its self-signed certificate, for every key type it fits. */
  private static final class SingleKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "fakemail";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(PrivateKey key, X509Certificate certificate) {
      this.key = key;
      this.chain = new X509Certificate[] {certificate};
    }

    private String aliasFor(String keyType) {
      return key.getAlgorithm().equals(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return aliasFor(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
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
        return of(ks, password);
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
      tmf.init(trustStore());
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
