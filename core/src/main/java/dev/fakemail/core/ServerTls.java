package dev.fakemail.core;

import dev.fakemail.core.internal.net.TlsMaterial;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server's TLS certificate, and what a client needs to trust it: an {@link SSLContext}, a
 * socket factory (Angus Mail's {@code mail.smtp.ssl.socketFactory}), a trust store or PEM text.
 */
public final class ServerTls {
  private final TlsMaterial material;

  ServerTls(TlsMaterial material) {
    this.material = material;
  }

  /** An SSL context that trusts this server's certificate and nothing else. */
  public SSLContext clientSslContext() {
    return material.clientContext();
  }

  public SSLSocketFactory clientSocketFactory() {
    return clientSslContext().getSocketFactory();
  }

  public X509Certificate certificate() {
    return material.certificate();
  }

  public KeyStore trustStore() {
    return material.trustStore();
  }

  public String certificatePem() {
    return material.certificatePem();
  }
}
