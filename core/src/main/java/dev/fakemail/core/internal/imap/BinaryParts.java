package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.MailContent;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * FETCH BINARY[section] and BINARY.SIZE[section] (RFC 3516 §4.2): the octets of a part with its
 * Content-Transfer-Encoding undone. The section is a part number (or empty: the whole message, as
 * it is); the part is found as for BODY[section], its encoding read from its MIME header.
 */
final class BinaryParts {
  private BinaryParts() {}

  /** The decoded octets; NO [UNKNOWN-CTE] for an encoding this server cannot undo. */
  static byte[] decoded(MailContent content, FetchSection section) throws ImapException {
    if (!section.partOnly()) { // FetchCommand parses only part numbers for BINARY
      throw new IllegalArgumentException("BINARY takes a part number, not " + section.text());
    }
    if (section.part().isEmpty()) {
      return content.bytes();
    }
    String s = section.text().trim();
    byte[] raw = MessageParts.section(content, section);
    String encoding = encoding(MessageParts.section(content, section.mime()));
    try {
      return switch (encoding) {
        case "", "7bit", "8bit", "binary" -> raw;
        case "base64" -> Base64.getMimeDecoder().decode(raw);
        case "quoted-printable" -> quotedPrintable(raw);
        default -> throw new ImapException(new ImapResult(ImapResult.Status.NO, "UNKNOWN-CTE",
            "Cannot decode Content-Transfer-Encoding " + encoding));
      };
    } catch (IllegalArgumentException e) {
      throw new ImapException(new ImapResult(ImapResult.Status.NO, "UNKNOWN-CTE",
          "Part " + s + " is not valid " + encoding + ": " + e.getMessage()));
    }
  }

  /**
   * Quoted-printable decoding (RFC 2045 §6.7): trailing blanks of a line are transport padding and
   * go, a final {@code =} joins the line to the next, {@code =XX} is an octet; a malformed {@code =} stays.
   */
  static byte[] quotedPrintable(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
    int i = 0;
    while (i < raw.length) {
      int eol = i;
      while (eol < raw.length && raw[eol] != '\n') {
        eol++;
      }
      boolean newline = eol < raw.length;
      int end = eol;
      if (newline && end > i && raw[end - 1] == '\r') {
        end--;
      }
      while (end > i && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) {
        end--;
      }
      boolean soft = end > i && raw[end - 1] == '=';
      if (soft) {
        end--;
      }
      for (int j = i; j < end; j++) {
        int hi = j + 2 < end && raw[j] == '=' ? Character.digit(raw[j + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(raw[j + 2], 16) : -1;
        if (lo >= 0) {
          out.write(hi << 4 | lo);
          j += 2;
        } else {
          out.write(raw[j]);
        }
      }
      if (newline && !soft) {
        out.write('\r');
        out.write('\n');
      }
      i = eol + 1;
    }
    return out.toByteArray();
  }

  private static String encoding(byte[] mimeHeader) {
    try {
      String v = new InternetHeaders(new ByteArrayInputStream(mimeHeader)).getHeader("Content-Transfer-Encoding", null);
      return v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return "";
    }
  }

  /**
   * A message APPENDed as a literal8 (RFC 3516 §4.4) with its {@code binary} parts re-encoded as
   * base64, so that BODY[...] never sends a NUL and BINARY[...] gives the octets back. Anything
   * that has no such part is kept exactly as sent; so is a message that does not parse.
   */
  static byte[] encodeBinaryParts(byte[] message) {
    try {
      MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(message)) {
        @Override
        protected void updateMessageID() { // keep the Message-ID as sent (or none)
        }
      };
      if (!reencode(m, 0)) {
        return message;
      }
      boolean hadDate = m.getHeader("Date") != null;
      boolean hadVersion = m.getHeader("MIME-Version") != null;
      m.saveChanges(); // a parsed message counts as saved: without this the new part would be written raw
      if (!hadDate) { // saveChanges adds these; the message keeps the header it was sent with
        m.removeHeader("Date");
      }
      if (!hadVersion) {
        m.removeHeader("MIME-Version");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(message.length * 4 / 3 + 256);
      m.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException | RuntimeException e) {
      return message;
    }
  }

  private static boolean reencode(MimePart p, int depth) throws MessagingException, IOException {
    if (depth > 20) {
      return false;
    }
    if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
      boolean changed = false;
      for (int i = 0; i < mp.getCount(); i++) {
        changed |= reencode((MimePart) mp.getBodyPart(i), depth + 1);
      }
      if (changed) {
        p.setContent(mp);
      }
      return changed;
    }
    String cte = p.getEncoding();
    if (cte == null || !cte.trim().equalsIgnoreCase("binary")) {
      return false;
    }
    byte[] raw = MessageParts.rawContent(p);
    p.setDataHandler(new DataHandler(new ByteArrayDataSource(raw, p.getContentType())));
    p.setHeader("Content-Transfer-Encoding", "base64");
    return true;
  }

  private static final Session SESSION = Session.getInstance(new Properties());

  /** Whether octets need a literal8 ({@code ~{n}}): they hold a NUL (RFC 3516 §4.3). */
  static boolean needsLiteral8(byte[] data) {
    for (byte b : data) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}
