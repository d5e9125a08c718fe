package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.ReceivedMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * A message as POP3 and IMAP deliver it: for mail received over SMTP, {@code Return-Path:} and
 * {@code Received:} trace headers in front of the exact bytes received (which are not copied); for
 * an IMAP APPEND, the bytes appended. Immutable; the MIME parse is made on demand and cached softly.
 */
public final class MailContent {
  private static final Session MIME_SESSION = Session.getInstance(mimeProperties());
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final byte[] NO_PREFIX = new byte[0];

  private final String storeId;
  private final Instant internalDate;
  private final ReceivedMessage received;
  private final String recipient;
  private final String hostname;
  private final byte[] body;
  private volatile int size = -1;
  private volatile SoftReference<MimeMessage> mime = new SoftReference<>(null);
  private volatile int headerLength = -1;

  private MailContent(String storeId, Instant internalDate, ReceivedMessage received, String recipient, String hostname,
                      byte[] body) {
    this.storeId = storeId;
    this.internalDate = internalDate;
    this.received = received;
    this.recipient = recipient;
    this.hostname = hostname;
    this.body = body;
  }

  /**
   * The delivery view of a stored message for one of its recipients. Its trace headers are written
   * when a client reads it, not here: delivery stays cheap, and a message nobody reads over POP3 or
   * IMAP costs no memory for them.
   */
  public static MailContent delivered(ReceivedMessage m, String recipient, String hostname) {
    return new MailContent(m.id(), m.receivedAt(), m, recipient, hostname, null);
  }

  /** {@code Return-Path:}, {@code Authentication-Results:} (RFC 8601) and {@code Received:} for a delivered message (always the same octets for it); none for an appended one. */
  private byte[] prefix() {
    if (received == null) {
      return NO_PREFIX;
    }
    ReceivedMessage m = received;
    String with = m.session().tls() ? "ESMTPS" : "ESMTP";
    if (!m.session().authUser().isEmpty()) {
      with += "A";
    }
    String helo = m.session().helo().isEmpty() ? "unknown" : m.session().helo();
    String trace = "Return-Path: <" + m.envelope().from() + ">\r\n"
        + "Authentication-Results: " + m.authentication().headerValue(hostname) + "\r\n"
        + "Received: from " + helo + " ([" + m.session().clientAddress() + "])\r\n"
        + "\tby " + hostname + " (fakemail) with " + with + " id " + m.id() + "\r\n"
        + "\tfor <" + recipient + ">; " + RFC_5322.format(m.receivedAt()) + "\r\n";
    return trace.getBytes(StandardCharsets.UTF_8);
  }

  /** A message appended by a client (IMAP APPEND); the bytes are kept as given. */
  public static MailContent appended(byte[] raw, Instant internalDate) {
    return new MailContent(null, internalDate, null, null, null, raw.clone());
  }

  /** The id of the stored message this is a view of, or null for an appended message. */
  public String storeId() {
    return storeId;
  }

  public Instant internalDate() {
    return internalDate;
  }

  /** Octets of the whole message as delivered (RFC822.SIZE, POP3 LIST). */
  public int size() {
    int n = size;
    if (n < 0) {
      n = received != null ? prefix().length + received.size() : body.length;
      size = n;
    }
    return n;
  }

  public InputStream stream() {
    if (received == null) {
      return new ByteArrayInputStream(body);
    }
    return new SequenceInputStream(new ByteArrayInputStream(prefix()), received.rawStream());
  }

  /** A copy of the whole message. */
  public byte[] bytes() {
    try (InputStream in = stream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of octets {@code [from, from+length)}, clipped to the message. */
  public byte[] bytes(long from, long length) {
    int size = size();
    long start = Math.max(0, Math.min(from, size));
    long end = Math.max(start, Math.min((long) size, start + Math.max(0, length)));
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (end - start));
    try (InputStream in = stream()) {
      in.skipNBytes(start);
      out.write(in.readNBytes((int) (end - start)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public void writeTo(OutputStream out) throws IOException {
    try (InputStream in = stream()) {
      in.transferTo(out);
    }
  }

  /** Octets of the header section including the empty line that ends it (the whole message if none). */
  public int headerLength() {
    int h = headerLength;
    if (h < 0) {
      h = findHeaderEnd(bytes());
      headerLength = h;
    }
    return h;
  }

  /** Octets of the header section of a message in {@code b}, including the empty line that ends it; all of {@code b} if there is none. */
  public static int findHeaderEnd(byte[] b) {
    if (b.length >= 2 && b[0] == '\r' && b[1] == '\n') {
      return 2;
    }
    if (b.length >= 1 && b[0] == '\n') {
      return 1;
    }
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        if (i + 1 < b.length && b[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < b.length && b[i + 1] == '\r' && b[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return b.length;
  }

  /** The message parsed by Angus Mail (cached while memory allows). Never null. */
  public MimeMessage mime() {
    MimeMessage m = mime.get();
    if (m == null) {
      try (InputStream in = stream()) {
        m = new MimeMessage(MIME_SESSION, in);
      } catch (MessagingException | IOException e) {
        m = new MimeMessage(MIME_SESSION);
      }
      mime = new SoftReference<>(m);
    }
    return m;
  }

  private static Properties mimeProperties() {
    Properties p = new Properties();
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.decodetext.strict", "false");
    p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    return p;
  }
}
