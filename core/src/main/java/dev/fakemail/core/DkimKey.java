package dev.fakemail.core;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Objects;

/**
 * A DKIM signing key whose public half is published in a simulated DNS at
 * {@code selector._domainkey.domain}: what {@link SimulatedDns#dkimKey} hands to the application under
 * test, to sign its mail with.
 *
 * @param domain the signing domain ({@code d=})
 * @param selector the selector ({@code s=})
 * @param privateKey the RSA private key (PKCS#8)
 * @param publicKeyRecord the TXT record published, {@code v=DKIM1; k=rsa; p=...}
 */
public record DkimKey(String domain, String selector, PrivateKey privateKey, String publicKeyRecord) {
  public DkimKey {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKeyRecord, "publicKeyRecord");
  }

  /** A new 2048-bit RSA key for this domain and selector (not published anywhere yet). */
  public static DkimKey generate(String domain, String selector) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      String p = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
      return new DkimKey(DnsRecord.normalizeName(domain), selector, pair.getPrivate(), "v=DKIM1; k=rsa; p=" + p);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no RSA", e);
    }
  }

  /** The name the public key is published at. */
  public String recordName() {
    return selector + "._domainkey." + domain;
  }

  /** The private key as PEM ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8), for OpenSSL, dkimpy, OpenDKIM. */
  public String privateKeyPem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /** The private key as PKCS#8 DER bytes (what Simple Java Mail's and many signers take). */
  public byte[] privateKeyDer() {
    return privateKey.getEncoded();
  }

  @Override
  public String toString() {
    return "DkimKey[" + recordName() + "]";
  }
}
