package dev.fakemail.core.internal.mime;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.Header;
import dev.fakemail.core.MailAddress;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The parsed view of a message, made once with Angus Mail. Never throws: what can't be parsed is
 * left empty and noted in {@link #error()}.
 */
public final class ParsedMessage {
  /** Multiparts nested deeper than this are not walked (their parts are not listed). */
  static final int MAX_DEPTH = 32;

  private static final Session SESSION = mailSession();

  private String subject = "";
  private List<MailAddress> from = List.of();
  private List<MailAddress> to = List.of();
  private List<MailAddress> cc = List.of();
  private List<MailAddress> replyTo = List.of();
  private Instant date;
  private String messageId = "";
  private List<Header> headers = List.of();
  private String text;
  private String html;
  private final List<Attachment> attachments = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  private ParsedMessage() {}

  private static Session mailSession() {
    Properties p = new Properties();
    p.setProperty("mail.mime.decodefilename", "true");
    p.setProperty("mail.mime.decodeparameters", "true");
    p.setProperty("mail.mime.address.strict", "false");
    p.setProperty("mail.mime.allowutf8", "true");
    return Session.getInstance(p);
  }

  public static ParsedMessage parse(byte[] raw) {
    ParsedMessage p = new ParsedMessage();
    MimeMessage m;
    try {
      m = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    } catch (MessagingException | RuntimeException e) {
      p.errors.add("unreadable message: " + e.getMessage());
      p.text = p.text == null ? "" : p.text;
      p.html = "";
      return p;
    }
    p.readHeaders(m);
    try {
      p.walk(m, 0);
    } catch (MessagingException | IOException | RuntimeException e) {
      p.errors.add("body: " + e);
    }
    if (p.text == null) {
      p.text = "";
    }
    if (p.html == null) {
      p.html = "";
    }
    return p;
  }

  private void readHeaders(MimeMessage m) {
    try {
      List<Header> list = new ArrayList<>();
      Enumeration<jakarta.mail.Header> e = m.getAllHeaders();
      while (e.hasMoreElements()) {
        jakarta.mail.Header h = e.nextElement();
        list.add(new Header(h.getName(), unfold(h.getValue())));
      }
      headers = List.copyOf(list);
    } catch (MessagingException | RuntimeException e) {
      errors.add("headers: " + e.getMessage());
    }
    try {
      String s = m.getSubject();
      subject = s == null ? "" : s;
    } catch (MessagingException | RuntimeException e) {
      errors.add("subject: " + e.getMessage());
    }
    from = addresses(m, "From");
    to = addresses(m, "To");
    cc = addresses(m, "Cc");
    replyTo = addresses(m, "Reply-To");
    try {
      Date d = m.getSentDate();
      date = d == null ? null : d.toInstant();
    } catch (MessagingException | RuntimeException e) {
      errors.add("date: " + e.getMessage());
    }
    try {
      String id = m.getMessageID();
      messageId = id == null ? "" : id.trim();
    } catch (MessagingException | RuntimeException e) {
      errors.add("message-id: " + e.getMessage());
    }
  }

  private List<MailAddress> addresses(MimeMessage m, String header) {
    String value;
    try {
      value = m.getHeader(header, ",");
    } catch (MessagingException | RuntimeException e) {
      errors.add(header + ": " + e.getMessage());
      return List.of();
    }
    if (value == null || value.isBlank()) {
      return List.of();
    }
    try {
      List<MailAddress> out = new ArrayList<>();
      for (Address a : InternetAddress.parseHeader(value, false)) {
        if (a instanceof InternetAddress ia) {
          if (ia.isGroup()) {
            for (InternetAddress member : ia.getGroup(false)) {
              out.add(toMailAddress(member));
            }
          } else if (ia.getAddress() != null) {
            out.add(toMailAddress(ia));
          }
        }
      }
      return List.copyOf(out);
    } catch (AddressException | RuntimeException e) {
      errors.add(header + ": " + e.getMessage());
      return List.of();
    }
  }

  private static MailAddress toMailAddress(InternetAddress a) {
    String personal = a.getPersonal();
    return new MailAddress(personal == null ? "" : personal, a.getAddress());
  }

  private void walk(Part part, int depth) throws MessagingException, IOException {
    if (depth > MAX_DEPTH) {
      errors.add("multipart nesting deeper than " + MAX_DEPTH + " levels; deeper parts not listed");
      return;
    }
    String type = baseType(part);
    String disposition = disposition(part);
    boolean attachment = Part.ATTACHMENT.equals(disposition) || fileName(part) != null && !Part.INLINE.equals(disposition);
    if (type.startsWith("multipart/")) {
      Object content = part.getContent();
      if (content instanceof Multipart mp) {
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart bp = mp.getBodyPart(i);
          walk(bp, depth + 1);
        }
        return;
      }
    }
    if (!attachment && type.equals("text/plain") && text == null) {
      text = readText(part);
      return;
    }
    if (!attachment && type.equals("text/html") && html == null) {
      html = readText(part);
      return;
    }
    if (depth == 0 && !attachment && type.startsWith("text/")) {
      // A single-part message of another text type: show it as text.
      text = readText(part);
      return;
    }
    attachments.add(new Attachment(fileName(part), type, contentId(part), Part.INLINE.equals(disposition), readBytes(part)));
  }

  private String readText(Part part) throws MessagingException, IOException {
    try {
      Object c = part.getContent();
      if (c instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      errors.add("unknown charset, read as UTF-8: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      errors.add("text part: " + e.getMessage());
    }
    return new String(readBytes(part), StandardCharsets.UTF_8);
  }

  private byte[] readBytes(Part part) throws MessagingException {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException | RuntimeException e) {
      errors.add("part content: " + e.getMessage());
      return new byte[0];
    }
  }

  private String baseType(Part part) {
    try {
      String ct = part.getContentType();
      if (ct == null) {
        return "text/plain";
      }
      return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      errors.add("content type: " + e.getMessage());
      return "application/octet-stream";
    }
  }

  private String disposition(Part part) {
    try {
      String d = part.getDisposition();
      return d == null ? null : d.toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private String fileName(Part part) {
    try {
      String name = part.getFileName();
      if (name != null && name.contains("=?")) {
        name = MimeUtility.decodeText(name);
      }
      return name;
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      errors.add("file name: " + e.getMessage());
      return null;
    }
  }

  private static String contentId(Part part) {
    try {
      String[] ids = part.getHeader("Content-ID");
      if (ids == null || ids.length == 0) {
        return "";
      }
      String id = ids[0].trim();
      return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    } catch (MessagingException | RuntimeException e) {
      return "";
    }
  }

  private static String unfold(String value) {
    return value == null ? "" : value.replaceAll("\r?\n(?=[ \t])", "");
  }

  public String subject() { return subject; }
  public List<MailAddress> from() { return from; }
  public List<MailAddress> to() { return to; }
  public List<MailAddress> cc() { return cc; }
  public List<MailAddress> replyTo() { return replyTo; }
  public Instant date() { return date; }
  public String messageId() { return messageId; }
  public List<Header> headers() { return headers; }
  public String text() { return text; }
  public String html() { return html; }
  public List<Attachment> attachments() { return List.copyOf(attachments); }

  /** What went wrong while parsing, or null when nothing did. */
  public String error() {
    return errors.isEmpty() ? null : String.join("; ", errors);
  }
}
