package dev.fakemail.core;

import dev.fakemail.core.internal.mime.ParsedMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A message as it was received: the exact bytes, the envelope and the session facts, with a parsed
 * view (subject, addresses, bodies, attachments) built on first use and cached.
 *
 * <p>Two kinds of address, never mixed up in a name: {@link #from()}, {@link #to()}, {@link #cc()} and
 * {@link #replyTo()} are what the message's <em>header</em> says (what a mail program shows);
 * {@link #envelopeSender()} and {@link #envelopeRecipients()} are what the client said in SMTP's
 * {@code MAIL FROM} and {@code RCPT TO} (where the server delivered it). They differ for Bcc
 * recipients ({@link #bcc()}), mailing lists and forwarding.
 *
 * <p>Parsing never fails: a message that cannot be parsed keeps its raw bytes, its parsed fields are
 * empty and {@link #parseError()} says why.
 */
public final class ReceivedMessage {
  private final String id;
  private final Instant receivedAt;
  private final Envelope envelope;
  private final SessionInfo session;
  private final byte[] raw;
  private volatile ParsedMessage parsed;
  private final Function<ReceivedMessage, Authentication> verifier;
  private volatile Authentication authentication;

  private ReceivedMessage(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw,
                          Function<ReceivedMessage, Authentication> verifier, Authentication authentication) {
    this.id = Objects.requireNonNull(id, "id");
    this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.session = Objects.requireNonNull(session, "session");
    this.raw = raw;
    this.verifier = verifier;
    this.authentication = authentication;
  }

  /** Makes a message from its parts; the bytes are copied. Other modules reach it through {@code CoreAccess}. */
  static ReceivedMessage of(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw) {
    return new ReceivedMessage(id, receivedAt, envelope, session, raw.clone(), null, null);
  }

  /** Like {@link #of}, with the sender authentication a server has already judged (remote clients). */
  static ReceivedMessage of(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw,
                                   Authentication authentication) {
    return new ReceivedMessage(id, receivedAt, envelope, session, raw.clone(), null,
        Objects.requireNonNull(authentication, "authentication"));
  }

  /** Like {@link #of}, but takes the array as it is: for bytes the server has just received and nobody else holds. */
  static ReceivedMessage owning(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw,
                                Function<ReceivedMessage, Authentication> verifier) {
    return new ReceivedMessage(id, receivedAt, envelope, session, raw, verifier, null);
  }

  /**
   * Sender authentication (SPF, DKIM, DMARC) as the receiving server judged it against its simulated
   * DNS. Judged once, on first use (or before the reply to DATA when the server enforces a policy),
   * against the records as they are then; the same answer every time after.
   */
  public Authentication authentication() {
    Authentication a = authentication;
    if (a == null) {
      synchronized (this) {
        a = authentication;
        if (a == null) {
          a = verifier == null ? NOT_JUDGED : verifier.apply(this);
          authentication = a;
        }
      }
    }
    return a;
  }

  private static final Authentication NOT_JUDGED = new Authentication(
      new Authentication.Check("spf", Authentication.Result.NONE, "not judged", java.util.Map.of()), List.of(),
      new Authentication.Check("dmarc", Authentication.Result.NONE, "not judged", java.util.Map.of()));

  public String id() {
    return id;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** The SMTP envelope: the sender and recipients as given in {@code MAIL FROM} and {@code RCPT TO}, with their parameters. */
  public Envelope envelope() {
    return envelope;
  }

  /**
   * The envelope sender ({@code MAIL FROM}), the address bounces go to; an empty string for the null
   * sender {@code <>}. Not the From header: see {@link #from()}.
   */
  public String envelopeSender() {
    return envelope.from();
  }

  /**
   * The envelope recipients ({@code RCPT TO}) in the order given: every address this message was
   * delivered to, Bcc included. Not the To header: see {@link #to()}.
   */
  public List<String> envelopeRecipients() {
    return envelope.recipientAddresses();
  }

  public SessionInfo session() {
    return session;
  }

  /** A copy of the exact bytes received, after dot-unstuffing, without the terminating dot. */
  public byte[] raw() {
    return raw.clone();
  }

  /** The exact bytes received, as a stream that needs no copy. */
  public InputStream rawStream() {
    return new ByteArrayInputStream(raw);
  }

  /** The exact bytes received, decoded as UTF-8 (for assertions on the source). */
  public String rawString() {
    return new String(raw, StandardCharsets.UTF_8);
  }

  /** Size in octets of the message as received. */
  public int size() {
    return raw.length;
  }

  /** Whether this recipient is among the {@linkplain #envelopeRecipients() envelope recipients} (any case): To, Cc or Bcc. */
  public boolean isFor(String address) {
    for (Envelope.Recipient r : envelope.recipients()) {
      if (r.address().equalsIgnoreCase(address)) {
        return true;
      }
    }
    return false;
  }

  private ParsedMessage parsed() {
    ParsedMessage p = parsed;
    if (p == null) {
      p = ParsedMessage.parse(raw);
      parsed = p;
    }
    return p;
  }

  /** The decoded Subject, or an empty string. */
  public String subject() {
    return parsed().subject();
  }

  /** The addresses of the From header, in order. Not the envelope sender: see {@link #envelopeSender()}. */
  public List<MailAddress> from() {
    return parsed().from();
  }

  /** The addresses of the To header, in order. Not where the message went: see {@link #envelopeRecipients()}. */
  public List<MailAddress> to() {
    return parsed().to();
  }

  /** The addresses of the Cc header, in order. */
  public List<MailAddress> cc() {
    return parsed().cc();
  }

  /**
   * The blind copies: the {@linkplain #envelopeRecipients() envelope recipients} that appear in
   * neither the To nor the Cc header, in envelope order. A Bcc header is not sent, so these carry no
   * display name.
   */
  public List<MailAddress> bcc() {
    List<MailAddress> visible = new java.util.ArrayList<>(to());
    visible.addAll(cc());
    return envelope.recipientAddresses().stream()
        .filter(r -> visible.stream().noneMatch(v -> v.address().equalsIgnoreCase(r)))
        .map(r -> new MailAddress("", r))
        .toList();
  }

  /** The addresses of the Reply-To header, in order. */
  public List<MailAddress> replyTo() {
    return parsed().replyTo();
  }

  /** The Date header, if present and valid. */
  public Optional<Instant> date() {
    return Optional.ofNullable(parsed().date());
  }

  /** The Message-ID header value, or an empty string. */
  public String messageId() {
    return parsed().messageId();
  }

  /** Every header field in order, unfolded. */
  public List<Header> headers() {
    return parsed().headers();
  }

  /** The values of one header field (any case), in order. */
  public List<String> header(String name) {
    return parsed().headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
  }

  /** The first text/plain body that is not an attachment, decoded, or an empty string. */
  public String text() {
    return parsed().text();
  }

  /** The first text/html body that is not an attachment, decoded, or an empty string. */
  public String html() {
    return parsed().html();
  }

  public List<Attachment> attachments() {
    return parsed().attachments();
  }

  /** Why the parsed view is incomplete, when the message could not be parsed in full. */
  public Optional<String> parseError() {
    return Optional.ofNullable(parsed().error());
  }

  /** One line for logs and assertion messages: id, envelope, subject. */
  public String summary() {
    String subject;
    try {
      subject = subject();
    } catch (RuntimeException e) {
      subject = "?";
    }
    return "#" + id + " from <" + envelope.from() + "> to " + envelope.recipientAddresses() + " subject \"" + subject + "\"";
  }

  @Override
  public String toString() {
    return "ReceivedMessage[" + summary() + ", " + raw.length + " bytes]";
  }
}
