package dev.fakemail.core.internal.authres;

import java.security.PublicKey;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;

/**
 * jDKIM's key record (its parsing and checks: {@code v=}, {@code h=}, {@code k=}, {@code g=},
 * {@code t=}, revoked keys), with the public key of a {@code k=ed25519} record (RFC 8463 §4) read as
 * the raw 32-byte key it is; jDKIM 0.5 reads every {@code p=} as an X.509 RSA key.
 */
final class DkimKeyRecord extends PublicKeyRecordImpl {
  DkimKeyRecord(String record) {
    super(record);
  }

  @Override
  public PublicKey getPublicKey() {
    if ("ed25519".equalsIgnoreCase(getValue("k").toString().strip())) {
      return Ed25519Sha256.publicKey(getValue("p").toString());
    }
    return super.getPublicKey();
  }
}
