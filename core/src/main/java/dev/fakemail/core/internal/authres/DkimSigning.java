package dev.fakemail.core.internal.authres;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import org.apache.james.jdkim.DKIMSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A relay's DKIM signature (by Apache James jDKIM's signer) in front of the message it relays. */
public final class DkimSigning {
  private static final Logger LOG = LoggerFactory.getLogger(DkimSigning.class);
  /** The fields RFC 6376 §5.4.1 recommends signing; an absent one is signed as absent, so it cannot be added later. */
  private static final String SIGNED = "from:to:cc:subject:date:message-id:reply-to:mime-version:content-type";

  private final String domain;
  private final String selector;
  private final PrivateKey key;

  public DkimSigning(String domain, String selector, PrivateKey key) {
    this.domain = domain;
    this.selector = selector;
    this.key = key;
  }

  /** The message with a {@code DKIM-Signature} field first; the message as it was when it cannot be signed (logged). */
  public byte[] sign(byte[] message) {
    try {
      DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
          + "; h=" + SIGNED + "; bh=; b=;", key);
      String field = signer.sign(new ByteArrayInputStream(message));
      byte[] f = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + message.length);
      out.writeBytes(f);
      out.writeBytes(message);
      return out.toByteArray();
    } catch (Exception e) {
      LOG.warn("could not DKIM-sign a relayed message for d={} s={}: {}", domain, selector, e.toString());
      return message;
    }
  }
}
