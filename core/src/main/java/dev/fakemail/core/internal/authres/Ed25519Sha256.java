package dev.fakemail.core.internal.authres;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The signature primitive of DKIM's {@code ed25519-sha256} (RFC 8463 §3), for jDKIM 0.5, which is
 * RSA-only in one place: its verifier asks the JCA for {@code Signature.getInstance(HASH + "with" +
 * KEYTYPE)}, i.e. {@code "SHA256withED25519"}, feeds it the canonicalized header data and checks
 * {@code b=} with it. Everything else of DKIM (tag parsing, key look-up and key-record checks, header
 * selection, both canonicalizations, the body hash, {@code l=}, several signatures) stays jDKIM's.
 *
 * <p>Ours is only this: a JCA {@code Signature} under that name that hashes the data it is fed with
 * SHA-256 and verifies the JDK's own PureEdDSA {@code Signature.getInstance("Ed25519")} over that
 * 32-byte hash, as RFC 8463 §3 defines it ("signs the hash with the PureEdDSA variant Ed25519");
 * and {@link #publicKey}, the JDK's Ed25519 key from a key record's {@code p=}, which RFC 8463 §4
 * makes the raw 32-byte public key rather than jDKIM's X.509 SubjectPublicKeyInfo.
 *
 * <p>{@link #install()} adds a provider named {@value #PROVIDER} with that one algorithm to the
 * JVM's list (at its end, so no existing algorithm changes); no JDK or common provider has
 * an algorithm of that name. Verification only: signing with Ed25519 is not offered.
 */
final class Ed25519Sha256 extends SignatureSpi {
  static final String PROVIDER = "FakemailDkimEd25519";
  static final String ALGORITHM = "SHA256withED25519";
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), before the 32 key bytes. */
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final MessageDigest sha256;
  private Signature ed25519;

  Ed25519Sha256() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds the provider to the JVM once (idempotent, thread-safe). */
  static synchronized void install() {
    if (Security.getProvider(PROVIDER) == null) {
      Security.addProvider(new DkimProvider());
    }
  }

  /** The Ed25519 public key of a DKIM key record's {@code p=} (base64 of the raw 32 bytes, RFC 8463 §4). */
  static PublicKey publicKey(String p) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(p.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Invalid key spec: p= is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException("Invalid key spec: an ed25519 p= has 32 bytes, this one " + raw.length);
    }
    byte[] spki = new byte[SPKI_PREFIX.length + 32];
    System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("Invalid key spec: " + e.getMessage());
    }
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    try {
      ed25519 = Signature.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      throw new InvalidKeyException("no Ed25519 in this JDK", e);
    }
    ed25519.initVerify(publicKey);
    sha256.reset();
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    throw new InvalidKeyException("ed25519-sha256: verification only");
  }

  @Override
  protected void engineUpdate(byte b) {
    sha256.update(b);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) {
    sha256.update(b, off, len);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    throw new SignatureException("ed25519-sha256: verification only");
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    if (ed25519 == null) {
      throw new SignatureException("not initialized for verification");
    }
    ed25519.update(sha256.digest());
    return ed25519.verify(sigBytes);
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("no parameters");
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException("no parameters");
  }

  /** The provider of {@value #ALGORITHM}, made without reflection. */
  private static final class DkimProvider extends Provider {
    private static final long serialVersionUID = 1L;

    DkimProvider() {
      super(PROVIDER, "1.0", "DKIM ed25519-sha256 verification (RFC 8463) for fakemail's jDKIM verifier");
      putService(new Service(this, "Signature", ALGORITHM, Ed25519Sha256.class.getName(), null, null) {
        @Override
        public Object newInstance(Object constructorParameter) {
          return new Ed25519Sha256();
        }
      });
    }
  }
}
