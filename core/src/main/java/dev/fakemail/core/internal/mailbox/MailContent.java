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

  private final String storeId;
  private final Instant internalDate;
  private final byte[] prefix;
  private final ReceivedMessage received;
  private final byte[] body;
  private final int size;
  private volatile SoftReference<MimeMessage> mime = new SoftReference<>(null);
  private volatile int headerLength = -1;

  private MailContent(String storeId, Instant internalDate, byte[] prefix, ReceivedMessage received, byte[] body) {
    this.storeId = storeId;
    this.internalDate = internalDate;
    this.prefix = prefix;
    this.received = received;
    this.body = body;
    this.size = prefix.length + (received != null ? received.size() : body.length);
  }

  /** The delivery view of a stored message for one of its recipients. */
  public static MailContent delivered(ReceivedMessage m, String recipient, String hostname) {
    String with = m.session().tls() ? "ESMTPS" : "ESMTP";
    if (!m.session().authUser().isEmpty()) {
      with += "A";
    }
    String helo = m.session().helo().isEmpty() ? "unknown" : m.session().helo();
    String trace = "Return-Path: <" + m.envelope().from() + ">\r\n"
        + "Received: from " + helo + " ([" + m.session().clientAddress() + "])\r\n"
        + "\tby " + hostname + " (fakemail) with " + with + " id " + m.id() + "\r\n"
        + "\tfor <" + recipient + ">; " + RFC_5322.format(m.receivedAt()) + "\r\n";
    return new MailContent(m.id(), m.receivedAt(), trace.getBytes(StandardCharsets.UTF_8), m, null);
  }

  /** A message appended by a client (IMAP APPEND); the bytes are kept as given. */
  public static MailContent appended(byte[] raw, Instant internalDate) {
    return new MailContent(null, internalDate, new byte[0], null, raw.clone());
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
    return size;
  }

  public InputStream stream() {
    InputStream rest = received != null ? received.rawStream() : new ByteArrayInputStream(body);
    return prefix.length == 0 ? rest : new SequenceInputStream(new ByteArrayInputStream(prefix), rest);
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

  static int findHeaderEnd(byte[] b) {
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
