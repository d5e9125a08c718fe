package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.MailContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.ParameterList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The MIME side of FETCH (RFC 3501 §6.4.5, §7.4.2): ENVELOPE, BODYSTRUCTURE and the octets of
 * {@code BODY[section]}, from the message parsed by Angus Mail. Whole-message sections are cut from
 * the exact bytes; parts' contents are their raw (still encoded) octets.
 */
final class MessageParts {
  private static final Session SESSION = Session.getInstance(new Properties());
  private static final int MAX_DEPTH = 20;

  private MessageParts() {}

  // ---- ENVELOPE ----

  /**
   * The ENVELOPE of a message from its octets (RFC 3501 §7.4.2): header values as written (raw
   * UTF-8 as sent; non-ASCII goes out as a literal unless the client enabled UTF8=ACCEPT), address
   * groups with their start and end markers, Sender and Reply-To defaulting to From.
   */
  static String envelope(byte[] message, boolean utf8) {
    HeaderFields h = HeaderFields.of(message);
    String from = addresses(h, "From", utf8);
    String sender = addresses(h, "Sender", utf8);
    String replyTo = addresses(h, "Reply-To", utf8);
    return "(" + ImapWire.nstring(h.get("Date"), utf8) + " " + ImapWire.nstring(h.get("Subject"), utf8) + " " + from + " "
        + (sender.equals("NIL") ? from : sender) + " " + (replyTo.equals("NIL") ? from : replyTo) + " "
        + addresses(h, "To", utf8) + " " + addresses(h, "Cc", utf8) + " " + addresses(h, "Bcc", utf8) + " "
        + ImapWire.nstring(h.get("In-Reply-To"), utf8) + " " + ImapWire.nstring(h.get("Message-ID"), utf8) + ")";
  }

  private static String header(MimePart p, String name) throws MessagingException {
    String v = p.getHeader(name, null);
    return v == null ? null : v.replaceAll("\r?\n", "").trim();
  }

  private static String addresses(HeaderFields h, String name, boolean utf8) {
    List<AddressList.Address> list = AddressList.parse(h.get(name));
    if (list.isEmpty()) {
      return "NIL";
    }
    StringBuilder sb = new StringBuilder("(");
    for (AddressList.Address a : list) {
      sb.append('(').append(ImapWire.nstring(a.name(), utf8)).append(' ').append(ImapWire.nstring(a.route(), utf8))
          .append(' ').append(ImapWire.nstring(a.mailbox(), utf8)).append(' ').append(ImapWire.nstring(a.host(), utf8))
          .append(')');
    }
    return sb.append(')').toString();
  }

  // ---- BODYSTRUCTURE ----

  static String structure(MimePart p, boolean extensible, boolean utf8) {
    return structure(p, extensible, utf8, 0, false);
  }

  /** {@code inDigest}: p is a part of a multipart/digest, where no Content-Type means message/rfc822. */
  private static String structure(MimePart p, boolean ext, boolean utf8, int depth, boolean inDigest) {
    try {
      ContentType ct = contentType(p, inDigest);
      if (ct.match("multipart/*") && depth < MAX_DEPTH) {
        Object content = p.getContent();
        if (content instanceof Multipart mp && mp.getCount() > 0) {
          boolean digest = ct.getSubType().equalsIgnoreCase("digest");
          StringBuilder sb = new StringBuilder("(");
          for (int i = 0; i < mp.getCount(); i++) {
            sb.append(structure((MimePart) mp.getBodyPart(i), ext, utf8, depth + 1, digest));
          }
          sb.append(' ').append(ImapWire.string(ct.getSubType().toUpperCase(Locale.ROOT)));
          if (ext) {
            sb.append(' ').append(params(ct.getParameterList())).append(' ').append(disposition(p)).append(" NIL NIL");
          }
          return sb.append(')').toString();
        }
      }
      byte[] raw = rawContent(p);
      StringBuilder sb = new StringBuilder("(");
      sb.append(ImapWire.string(ct.getPrimaryType().toUpperCase(Locale.ROOT))).append(' ')
          .append(ImapWire.string(ct.getSubType().toUpperCase(Locale.ROOT))).append(' ')
          .append(params(ct.getParameterList())).append(' ')
          .append(ImapWire.nstring(header(p, "Content-ID"), utf8)).append(' ')
          .append(ImapWire.nstring(header(p, "Content-Description"), utf8)).append(' ')
          .append(ImapWire.string(encoding(p))).append(' ')
          .append(raw.length);
      if (ct.match("message/rfc822") && depth < MAX_DEPTH) {
        MimeMessage inner = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        sb.append(' ').append(envelope(raw, utf8)).append(' ').append(structure(inner, ext, utf8, depth + 1, false))
            .append(' ').append(lines(raw));
      } else if (ct.getPrimaryType().equalsIgnoreCase("text")) {
        sb.append(' ').append(lines(raw));
      }
      if (ext) {
        sb.append(' ').append(ImapWire.nstring(header(p, "Content-MD5"))).append(' ').append(disposition(p))
            .append(" NIL NIL");
      }
      return sb.append(')').toString();
    } catch (MessagingException | IOException e) {
      return "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 0 0)";
    }
  }

  /**
   * The part's Content-Type; without one, text/plain, or message/rfc822 for a part of a
   * multipart/digest (RFC 2046 §5.1.5).
   */
  private static ContentType contentType(MimePart p, boolean inDigest) {
    try {
      String v = p.getHeader("Content-Type", null);
      if (v != null) {
        return new ContentType(v.replaceAll("\r?\n", ""));
      }
    } catch (MessagingException e) {
      // fall through to the default
    }
    try {
      return new ContentType(inDigest ? "message/rfc822" : "text/plain; charset=us-ascii");
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encoding(MimePart p) throws MessagingException {
    String e = p.getEncoding();
    return e == null ? "7BIT" : e.trim().toUpperCase(Locale.ROOT);
  }

  private static String params(ParameterList pl) {
    if (pl == null || pl.size() == 0) {
      return "NIL";
    }
    List<String> out = new ArrayList<>();
    for (String name : Collections.list(pl.getNames())) {
      out.add(ImapWire.string(name.toUpperCase(Locale.ROOT)));
      out.add(ImapWire.string(pl.get(name)));
    }
    return ImapWire.list(out);
  }

  private static String disposition(MimePart p) throws MessagingException {
    String v = header(p, "Content-Disposition");
    if (v == null) {
      return "NIL";
    }
    try {
      jakarta.mail.internet.ContentDisposition cd = new jakarta.mail.internet.ContentDisposition(v);
      return "(" + ImapWire.string(cd.getDisposition().toUpperCase(Locale.ROOT)) + " " + params(cd.getParameterList()) + ")";
    } catch (MessagingException e) {
      return "NIL";
    }
  }

  private static int lines(byte[] raw) {
    int n = 0;
    for (byte b : raw) {
      if (b == '\n') {
        n++;
      }
    }
    return raw.length > 0 && raw[raw.length - 1] != '\n' ? n + 1 : n;
  }

  static byte[] rawContent(MimePart p) throws MessagingException, IOException {
    InputStream in = p instanceof MimeMessage mm ? mm.getRawInputStream() : ((MimeBodyPart) p).getRawInputStream();
    try (in) {
      return in.readAllBytes();
    }
  }

  // ---- BODY[section] ----

  /**
   * The octets of a section (RFC 3501 §6.4.5 BODY[section]), parsed when the command was. A part
   * number that the message does not have gives no octets; a section that needs an encapsulated
   * message (1.TEXT) on another part is BAD.
   */
  static byte[] section(MailContent content, FetchSection section) throws ImapException {
    if (section.part().isEmpty()) {
      return messageSection(content.bytes(), section);
    }
    try {
      MimePart part = content.mime();
      byte[] messageBytes = null; // the octets of an encapsulated message being walked (null: the top level)
      boolean isMessage = true; // part is a whole message (top level or encapsulated)
      boolean inDigest = false; // part is a part of a multipart/digest
      for (int n : section.part()) {
        if (!isMessage && contentType(part, inDigest).match("message/rfc822")) {
          messageBytes = rawContent(part);
          part = new MimeMessage(SESSION, new ByteArrayInputStream(messageBytes));
          isMessage = true;
          inDigest = false;
        }
        ContentType ct = contentType(part, inDigest);
        if (ct.match("multipart/*") && part.getContent() instanceof Multipart mp) {
          if (n > mp.getCount()) {
            return new byte[0];
          }
          part = (MimePart) mp.getBodyPart(n - 1);
          inDigest = ct.getSubType().equalsIgnoreCase("digest");
          isMessage = false;
        } else if (isMessage && n == 1) {
          isMessage = false; // the body of a single-part message is its part 1
        } else {
          return new byte[0];
        }
      }
      if (section.spec() == FetchSection.Spec.ALL) {
        return rawContent(part);
      }
      if (section.spec() == FetchSection.Spec.MIME) {
        if (part instanceof MimeMessage) {
          return messageSection(messageBytes == null ? content.bytes() : messageBytes, FetchSection.Spec.HEADER, List.of());
        }
        return headerBytes(part);
      }
      if (contentType(part, inDigest).match("message/rfc822")) {
        return messageSection(rawContent(part), section);
      }
      throw ImapException.bad("Section " + section.specText() + " needs a message/rfc822 part");
    } catch (MessagingException | IOException e) {
      return new byte[0];
    }
  }

  private static byte[] headerBytes(MimePart p) throws MessagingException {
    StringBuilder sb = new StringBuilder();
    for (String line : Collections.list(p.getAllHeaderLines())) {
      sb.append(line).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] messageSection(byte[] message, FetchSection section) {
    return messageSection(message, section.spec(), section.fields());
  }

  /** A section of a whole message: all of it, its header, its text, or some of its header fields. */
  private static byte[] messageSection(byte[] message, FetchSection.Spec spec, List<String> fields) {
    if (spec == FetchSection.Spec.ALL) {
      return message;
    }
    int hl = MailContent.findHeaderEnd(message);
    return switch (spec) {
      case TEXT -> java.util.Arrays.copyOfRange(message, hl, message.length);
      case HEADER_FIELDS -> filterFields(java.util.Arrays.copyOfRange(message, 0, hl), fields, false);
      case HEADER_FIELDS_NOT -> filterFields(java.util.Arrays.copyOfRange(message, 0, hl), fields, true);
      default -> java.util.Arrays.copyOfRange(message, 0, hl); // HEADER (MIME never reaches a whole message)
    };
  }

  private static byte[] filterFields(byte[] header, List<String> names, boolean not) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    boolean keep = false;
    while (i < header.length) {
      int end = i;
      while (end < header.length && header[end] != '\n') {
        end++;
      }
      end = Math.min(header.length, end + 1);
      boolean blank = end - i <= 2 && (header[i] == '\r' || header[i] == '\n');
      if (blank) {
        break;
      }
      if (header[i] != ' ' && header[i] != '\t') {
        int colon = i;
        while (colon < end && header[colon] != ':') {
          colon++;
        }
        String name = new String(header, i, colon - i, StandardCharsets.US_ASCII).trim().toLowerCase(Locale.ROOT);
        keep = names.contains(name) != not;
      }
      if (keep) {
        out.write(header, i, end - i);
      }
      i = end;
    }
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }
}
