package dev.fakemail.inspector.internal.provider;

import dev.fakemail.core.DkimKey;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.authres.DkimSigning;
import dev.fakemail.core.internal.fault.FaultContext;
import dev.fakemail.core.internal.fault.FaultDisconnect;
import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.internal.smtp.SmtpException;
import dev.fakemail.core.internal.store.MemoryAccount;
import dev.fakemail.inspector.internal.Responses;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every provider's send shares: reading the body within the cap, the fault rules of stage
 * {@link Fault.Stage#API}, and delivering the built message into the same store as SMTP mail
 * (through {@code ServerInternals.of(server).deliver}, so it is charged to the memory account,
 * relayed when a recipient is remote, and seen by waits, IMAP/POP3 and the web page).
 */
public final class ProviderSupport {
  /** The header every provider message carries with the id the provider answered. */
  public static final String MESSAGE_ID_HEADER = "X-FakeMail-Provider-Message-Id";
  private static final Pattern RETRY_AFTER = Pattern.compile("(?i)retry-after:?\\s*(\\d+)");
  /** Jakarta Mail's session, made at the first provider request (it costs a start some 20 ms). */
  private static final class MailSession {
    static final Session SESSION = Session.getInstance(new Properties());
  }
  /** A request body is charged this many times its octets while it is read and parsed: the body and its parsed form. */
  public static final int PARSE_CHARGE = 2;
  private static final io.undertow.util.AttachmentKey<java.util.concurrent.atomic.AtomicLong> CHARGED =
      io.undertow.util.AttachmentKey.create(java.util.concurrent.atomic.AtomicLong.class);

  private final FakeMailServer server;
  private final Responses responses;
  private final ProviderKeys keys;
  private final long maxBodyBytes;
  private final DkimSigning signer;

  public ProviderSupport(FakeMailServer server, Responses responses, ProviderKeys keys) {
    this.server = server;
    this.responses = responses;
    this.keys = keys;
    DkimKey key = server.config().dkimSigning();
    // the provider signs with the sender's domain key (its "domain authentication"): the server's relay key stands for it
    this.signer = key == null ? null : new DkimSigning(key.domain(), key.selector(), key.privateKey());
    // a message of the largest size the server accepts, base64-encoded in JSON, with room for the rest
    this.maxBodyBytes = Math.min(Integer.MAX_VALUE - 16, server.config().maxMessageSize() * 4L / 3 + 64 * 1024);
  }

  public Responses responses() {
    return responses;
  }

  public ProviderKeys keys() {
    return keys;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** A new MIME message to fill in (Angus Mail). */
  public static MimeMessage newMessage() {
    return new MimeMessage(MailSession.SESSION) {
      @Override
      protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) { // a provider's own Message-ID stays
          super.updateMessageID();
        }
      }
    };
  }

  /** A message parsed from raw bytes (SES raw, Mailgun MIME), to read and to add headers to. */
  public static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(MailSession.SESSION, new java.io.ByteArrayInputStream(raw));
  }

  /**
   * Stores a raw message: its {@code Bcc} header removed (recipients only in the envelope, as the
   * providers do) and {@link #MESSAGE_ID_HEADER} added; the rest of it as it came.
   */
  public ReceivedMessage deliverRaw(HttpServerExchange exchange, String provider, String keyId, String messageId,
                                    Envelope envelope, MimeMessage parsed, ErrorShape error) throws MessagingException, IOException {
    parsed.removeHeader("Bcc");
    parsed.setHeader(MESSAGE_ID_HEADER, messageId);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parsed.writeTo(out);
    return deliver(exchange, provider, keyId, messageId, envelope, out.toByteArray(), error);
  }

  /**
   * Reads the request body, at most {@link #maxBodyBytes()}; a larger one is the provider's
   * {@code tooLarge} answer. The body is charged to the memory budget ({@link #charge}) before it is
   * read when its length is declared, chunk by chunk as it arrives when not; no room is {@code busy}'s
   * {@code 503} with {@code Retry-After}.
   */
  public byte[] body(HttpServerExchange exchange, IntFunction<ProviderException> tooLarge, ErrorShape busy) throws IOException {
    long declared = exchange.getRequestContentLength();
    if (declared > maxBodyBytes) {
      exchange.setPersistent(false);
      throw tooLarge.apply((int) Math.min(Integer.MAX_VALUE, declared));
    }
    if (declared >= 0) {
      charge(exchange, declared, busy);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(declared >= 0 ? (int) declared : 8192);
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = exchange.getInputStream()) {
      for (int n; (n = in.read(chunk)) >= 0; ) {
        if (body.size() + (long) n > maxBodyBytes) {
          exchange.setPersistent(false);
          throw tooLarge.apply((int) Math.min(Integer.MAX_VALUE, body.size() + (long) n));
        }
        if (declared < 0) {
          charge(exchange, n, busy);
        }
        body.write(chunk, 0, n);
      }
    }
    return body.toByteArray();
  }

  /**
   * Charges {@code octets} of a request body, {@link #PARSE_CHARGE} times (the body and its parsed
   * form: JSON tree, form fields, decoded attachments), to the server's memory budget until the
   * answer is committed (or the exchange ends without one), as SMTP charges DATA while it arrives.
   * When the budget has no room, nothing is charged, the rest of the body is read and dropped (at most {@link #maxBodyBytes()}, as SMTP drops
   * the rest of DATA, so that the client reads the answer instead of a reset), and the answer is
   * {@code busy}'s {@code 503} with {@code Retry-After: 5}.
   */
  public void charge(HttpServerExchange exchange, long octets, ErrorShape busy) {
    long bytes = octets * PARSE_CHARGE;
    MemoryAccount account = ServerInternals.of(server).memory();
    if (!account.tryCharge(bytes)) {
      drain(exchange);
      exchange.setPersistent(false);
      throw busy.exception(503, "the server's memory budget has no room for this request now; try later")
          .withRetryAfter("5");
    }
    java.util.concurrent.atomic.AtomicLong held = exchange.getAttachment(CHARGED);
    if (held == null) {
      java.util.concurrent.atomic.AtomicLong h = new java.util.concurrent.atomic.AtomicLong();
      exchange.putAttachment(CHARGED, h);
      // given back before the answer's first byte is written (so a client that sends again at once finds
      // the room), or when the exchange ends without an answer
      exchange.addResponseCommitListener(ex -> account.release(h.getAndSet(0)));
      exchange.addExchangeCompleteListener((ex, next) -> {
        account.release(h.getAndSet(0));
        next.proceed();
      });
      held = h;
    }
    held.addAndGet(bytes);
  }

  private void drain(HttpServerExchange exchange) {
    byte[] sink = new byte[8192];
    long left = maxBodyBytes;
    try {
      InputStream in = exchange.getInputStream();
      for (int n; left > 0 && (n = in.read(sink)) >= 0; ) {
        left -= n;
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone, or the body was consumed already: nothing to drop
    }
  }

  /**
   * Applies the first {@link Fault.Stage#API} rule that fires: a DELAY waits here and returns, a
   * DISCONNECT closes the connection (throws), a REPLY becomes the provider's error through
   * {@code error} with its status and the {@code Retry-After} the reply names.
   */
  public void faults(HttpServerExchange exchange, String provider, String keyId, String from, List<String> to,
                     ErrorShape error) {
    Optional<Fault> rule;
    try {
      rule = ServerInternals.of(server).faultEngine().apply(Fault.Stage.API,
          FaultContext.of(provider, clientAddress(exchange), keyId).withEnvelope(from, to));
    } catch (FaultDisconnect e) {
      exchange.setPersistent(false);
      try {
        exchange.getConnection().close();
      } catch (IOException ignored) {
        // gone already
      }
      throw new ProviderException(-1, null);
    }
    if (rule.isPresent()) {
      String reply = rule.get().reply();
      int status = Integer.parseInt(reply.substring(0, 3));
      Matcher m = RETRY_AFTER.matcher(reply);
      String text = reply.length() > 4 ? reply.substring(4) : "fault rule " + rule.get().id();
      throw error.exception(status, text).withRetryAfter(m.find() ? m.group(1) : null);
    }
  }

  /** Turns a refusal (status and message) into the provider's error body. */
  @FunctionalInterface
  public interface ErrorShape {
    Object body(int status, String message);

    /** The whole answer; by default {@link #body} with no further headers. */
    default ProviderException exception(int status, String message) {
      return new ProviderException(status, body(status, message));
    }
  }

  /**
   * Stores one built message as sent through {@code provider} with key {@code keyId}.
   *
   * @param messageId the id the provider answers with; also set as {@link #MESSAGE_ID_HEADER}
   * @throws ProviderException {@code full}'s answer when the store or the relay queue is full
   */
  public ReceivedMessage deliver(HttpServerExchange exchange, String provider, String keyId, String messageId,
                                 Envelope envelope, MimeMessage message, ErrorShape error) throws MessagingException, IOException {
    message.setHeader(MESSAGE_ID_HEADER, messageId);
    message.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    message.writeTo(out);
    return deliver(exchange, provider, keyId, messageId, envelope, out.toByteArray(), error);
  }

  /** Stores raw RFC 5322 bytes (SES SendRawEmail, Mailgun messages.mime) as they are. */
  public ReceivedMessage deliver(HttpServerExchange exchange, String provider, String keyId, String messageId,
                                 Envelope envelope, byte[] content, ErrorShape error) {
    SessionInfo session = new SessionInfo(messageId, Listener.SUBMISSION, clientAddress(exchange), "", keyId, "", "",
        provider);
    byte[] signed = signer == null ? content : signer.sign(content);
    try {
      return ServerInternals.of(server).deliver(envelope, session, signed);
    } catch (SmtpException e) {
      if (e.reply().code() >= 500) { // refused for good (an enforced DMARC p=reject): retrying will not help
        throw error.exception(400, "message rejected: " + String.join(" ", e.reply().lines()));
      }
      throw error.exception(503, "service unavailable: " + e.getMessage()).withRetryAfter("5");
    }
  }

  /** Writes a provider's error answer. */
  public void answer(HttpServerExchange exchange, ProviderException e) {
    if (e.status() < 0 || exchange.isResponseStarted()) {
      exchange.endExchange();
      return;
    }
    e.headers().forEach((k, v) -> exchange.getResponseHeaders().put(new HttpString(k), v));
    if (e.retryAfter() != null) {
      exchange.getResponseHeaders().put(new HttpString("Retry-After"), e.retryAfter());
    }
    if (e.body() instanceof String s) {
      responses.bytes(exchange, e.status(), "text/plain; charset=utf-8", s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if (e.body() instanceof XmlBody x) {
      responses.bytes(exchange, e.status(), "text/xml", x.xml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else {
      responses.json(exchange, e.status(), e.body() == null ? java.util.Map.of() : e.body());
    }
  }

  /** A body already written as XML (SES v1 query API). */
  public record XmlBody(String xml) {}

  private static String clientAddress(HttpServerExchange exchange) {
    InetSocketAddress a = exchange.getSourceAddress();
    return a == null || a.getAddress() == null ? "" : a.getAddress().getHostAddress();
  }

  /** A key's id for the record, never the secret: the part before the secret, or its first characters. */
  public static String prefixId(String key) {
    if (key == null || key.isEmpty()) {
      return "";
    }
    return key.length() <= 8 ? key.charAt(0) + "..." : key.substring(0, 6) + "...";
  }
}
