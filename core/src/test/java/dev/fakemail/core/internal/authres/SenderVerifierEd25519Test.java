package dev.fakemail.core.internal.authres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Authentication.Check;
import dev.fakemail.core.Authentication.Result;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.CoreAccess;
import dev.fakemail.core.internal.dns.Zones;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code a=ed25519-sha256} (RFC 8463) through jDKIM with the JDK's Ed25519: the signed example of RFC
 * 8463 Appendix A.3 (as dkimpy's test data carry it: an Ed25519 and an RSA signature over one message),
 * verified against its published key record; an altered copy, a malformed key and a key of another
 * type are refused with their reasons. dkimpy-signed mail: {@code SenderAuthenticationEd25519IT}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderVerifierEd25519Test {
  private static final String KEY_NAME = "brisbane._domainkey.football.example.com";
  private static final String RFC8463_KEY = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
  private static final SessionInfo SESSION =
      new SessionInfo("smtp-1", Listener.SMTP, "127.0.0.1", "client.test", "", "", "");

  private static byte[] example() throws IOException {
    try (InputStream in = SenderVerifierEd25519Test.class.getResourceAsStream("rfc8463-a3.eml")) {
      return in.readAllBytes();
    }
  }

  private static Check ed25519Check(byte[] raw, String keyRecord) {
    Zones zones = new Zones(List.of(DnsRecord.of(KEY_NAME, "TXT", keyRecord)));
    SenderVerifier verifier = new SenderVerifier(zones, "mx.test",
        Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC));
    ReceivedMessage m = CoreAccess.get().message("1", Instant.now(), Envelope.of("joe@football.example.com",
        List.of("suzie@shopping.example.net")), SESSION, raw, null);
    List<Check> dkim = verifier.verify(m).dkim();
    assertThat(dkim).hasSize(2); // the RSA one of the example has no published key here
    return dkim.stream().filter(c -> "brisbane".equals(c.property("header.s"))).findFirst().orElseThrow();
  }

  @Test
  void theRfc8463ExampleVerifies() throws IOException {
    Check c = ed25519Check(example(), RFC8463_KEY);
    assertThat(c.result()).as(c.reason()).isEqualTo(Result.PASS);
    assertThat(c.property("header.a")).isEqualTo("ed25519-sha256");
    assertThat(c.property("header.d")).isEqualTo("football.example.com");
  }

  @Test
  void anAlteredSignedHeaderFails() throws IOException {
    byte[] raw = new String(example(), StandardCharsets.US_ASCII).replace("Is dinner ready?", "Is dinner ready!")
        .getBytes(StandardCharsets.US_ASCII);
    Check c = ed25519Check(raw, RFC8463_KEY);
    assertThat(c.result()).isEqualTo(Result.FAIL);
    assertThat(c.reason()).contains("signature does not verify");
  }

  @Test
  void anAlteredBodyFails() throws IOException {
    byte[] raw = new String(example(), StandardCharsets.US_ASCII).replace("We lost the game.", "We won the game.")
        .getBytes(StandardCharsets.US_ASCII);
    Check c = ed25519Check(raw, RFC8463_KEY);
    assertThat(c.result()).isEqualTo(Result.FAIL);
    assertThat(c.reason()).containsIgnoringCase("body");
  }

  @Test
  void anotherEd25519KeyFails() throws IOException {
    // the published key with its first bytes changed: not the signer's
    Check c = ed25519Check(example(), "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=".replace("11qY", "11qZ"));
    assertThat(c.passed()).isFalse();
  }

  @Test
  void aKeyOfTheWrongLengthIsRefusedWithItsReason() throws IOException {
    Check c = ed25519Check(example(), "v=DKIM1; k=ed25519; p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");
    assertThat(c.passed()).isFalse();
    assertThat(c.reason()).contains("32 bytes");
  }

  @Test
  void anRsaKeyRecordDoesNotVerifyAnEd25519Signature() throws IOException {
    Check c = ed25519Check(example(), "v=DKIM1; k=rsa; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    assertThat(c.passed()).isFalse();
    assertThat(c.reason()).contains("inappropriate key type");
  }

  @Test
  void theKeyRecordReadsTheRaw32ByteKey() {
    PublicKey key = new DkimKeyRecord(RFC8463_KEY).getPublicKey();
    assertThat(key.getAlgorithm()).isIn("EdDSA", "Ed25519");
    assertThatThrownBy(() -> Ed25519Sha256.publicKey("not base64!")).hasMessageContaining("base64");
  }
}
