package dev.fakemail.inspector.internal.provider;

import dev.fakemail.core.Envelope;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/** What SES v2 (JSON) and v1 (query) share: auth, addresses, limits, message ids, the built message. */
final class Ses {
  static final String PROVIDER = "ses";
  /** SES's documented limit of recipients per message. */
  static final int MAX_RECIPIENTS = 50;

  private Ses() {}

  /** The access key id of a SigV4-signed request; refuses a missing or malformed one, or a wrong key in strict mode. */
  static String authenticate(HttpServerExchange exchange, ProviderKeys keys, BiFunction<String, String, ProviderException> refuse) {
    String auth = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    String keyId = SigV4.accessKeyId(auth);
    if (keyId == null) {
      exchange.setPersistent(false);
      throw auth == null ? refuse.apply("MissingAuthenticationToken", "Missing Authentication Token")
          : refuse.apply("IncompleteSignature", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
    }
    if (!keys.accepts(PROVIDER, keyId)) {
      exchange.setPersistent(false);
      throw refuse.apply("InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    return keyId;
  }

  /** An id shaped like SES's: {@code 0100018c5f3a2b1c-<uuid>-000000}. */
  static String messageId() {
    return "010001" + HexFormat.of().toHexDigits(Instant.now().toEpochMilli()).substring(6) + "-" + UUID.randomUUID() + "-000000";
  }

  static InternetAddress address(String s, BiFunction<String, String, ProviderException> bad) {
    try {
      InternetAddress a = new InternetAddress(s, true);
      if (a.getAddress().indexOf('@') <= 0 || a.getAddress().endsWith("@")) {
        throw new AddressException("no domain");
      }
      return a;
    } catch (AddressException e) {
      throw bad.apply("Illegal address", "Illegal address");
    }
  }

  static List<InternetAddress> addresses(List<String> list, BiFunction<String, String, ProviderException> bad) {
    List<InternetAddress> out = new ArrayList<>();
    for (String s : list) {
      out.add(address(s, bad));
    }
    return out;
  }

  /** The simple (or template-rendered) message, built as SES builds it, with SES's Message-ID. */
  static MimeMessage build(InternetAddress from, List<InternetAddress> to, List<InternetAddress> cc,
                           List<InternetAddress> replyTo, String subject, String text, String html,
                           Map<String, String> headers, List<MimeBuilder.Attachment> attachments, String messageId)
      throws MessagingException {
    MimeMessage m = ProviderSupport.newMessage();
    m.setFrom(from);
    if (!to.isEmpty()) {
      m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    }
    if (!cc.isEmpty()) {
      m.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
    }
    if (!replyTo.isEmpty()) {
      m.setReplyTo(replyTo.toArray(InternetAddress[]::new));
    }
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date());
    m.setHeader("Message-ID", "<" + messageId + "@email.amazonses.com>");
    new MimeBuilder().text(text).html(html).attachments(attachments).fill(m);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      m.setHeader(h.getKey(), h.getValue());
    }
    return m;
  }

  static Envelope envelope(String from, List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc) {
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    return Envelope.of(from, rcpt);
  }

  /** The recipients of a raw message's headers (To, Cc, Bcc), when the request names none. */
  static List<String> headerRecipients(MimeMessage m) throws MessagingException {
    List<String> out = new ArrayList<>();
    for (Message.RecipientType t : List.of(Message.RecipientType.TO, Message.RecipientType.CC, Message.RecipientType.BCC)) {
      jakarta.mail.Address[] as = m.getRecipients(t);
      if (as != null) {
        for (jakarta.mail.Address a : as) {
          if (a instanceof InternetAddress ia) {
            out.add(ia.getAddress());
          }
        }
      }
    }
    return out;
  }
}
