package dev.fakemail.inspector.internal.provider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access key id of an AWS Signature Version 4 {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=..., Signature=...}).
 * The signature is not verified (fakemail does not know the secret); the key id is the user recorded,
 * and the one strict mode compares.
 */
final class SigV4 {
  private static final Pattern CREDENTIAL = Pattern.compile(
      "^AWS4-HMAC-SHA256\\s+Credential=([A-Za-z0-9]{1,128})/[^,\\s]+\\s*,\\s*SignedHeaders=[^,\\s]+\\s*,\\s*Signature=[0-9a-fA-F]+\\s*$");

  private SigV4() {}

  /** The access key id, or null when the header is missing or not a SigV4 authorization. */
  static String accessKeyId(String authorization) {
    if (authorization == null) {
      return null;
    }
    Matcher m = CREDENTIAL.matcher(authorization.trim());
    return m.matches() ? m.group(1) : null;
  }
}
