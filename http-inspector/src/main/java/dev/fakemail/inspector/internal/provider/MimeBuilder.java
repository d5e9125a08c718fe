package dev.fakemail.inspector.internal.provider;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a provider message, built with Angus Mail as the providers build theirs: text and
 * HTML as {@code multipart/alternative}, inline parts (with a {@code Content-ID}) around it in
 * {@code multipart/related}, attachments around that in {@code multipart/mixed}; a lone part is the
 * message body itself.
 */
public final class MimeBuilder {
  /** An attachment: its bytes exactly as decoded, its type, name, and content id when inline. */
  public record Attachment(byte[] content, String type, String filename, boolean inline, String contentId) {}

  private String text;
  private String html;
  private final List<Attachment> attachments = new ArrayList<>();

  public MimeBuilder text(String text) {
    this.text = text;
    return this;
  }

  public MimeBuilder html(String html) {
    this.html = html;
    return this;
  }

  public MimeBuilder attach(Attachment a) {
    attachments.add(a);
    return this;
  }

  public MimeBuilder attachments(List<Attachment> all) {
    attachments.addAll(all);
    return this;
  }

  /** Sets the body of {@code message}. */
  public void fill(MimeMessage message) throws MessagingException {
    List<Attachment> inline = attachments.stream().filter(Attachment::inline).toList();
    List<Attachment> attached = attachments.stream().filter(a -> !a.inline()).toList();
    if (inline.isEmpty() && attached.isEmpty() && (text == null || html == null)) {
      message.setText(html != null ? html : text == null ? "" : text, "UTF-8", html != null ? "html" : "plain");
      return;
    }
    MimeMultipart top = text != null && html != null ? alternative() : null;
    MimeBodyPart body = top != null ? wrap(top) : single();
    if (!inline.isEmpty()) {
      top = new MimeMultipart("related");
      top.addBodyPart(body);
      for (Attachment a : inline) {
        top.addBodyPart(part(a));
      }
      body = wrap(top);
    }
    if (!attached.isEmpty()) {
      top = new MimeMultipart("mixed");
      top.addBodyPart(body);
      for (Attachment a : attached) {
        top.addBodyPart(part(a));
      }
    }
    message.setContent(top);
  }

  private MimeBodyPart single() throws MessagingException {
    MimeBodyPart p = new MimeBodyPart();
    p.setText(html != null ? html : text == null ? "" : text, "UTF-8", html != null ? "html" : "plain");
    return p;
  }

  private MimeMultipart alternative() throws MessagingException {
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, "UTF-8", "html");
    MimeMultipart alt = new MimeMultipart("alternative");
    alt.addBodyPart(plain);
    alt.addBodyPart(rich);
    return alt;
  }

  private static MimeBodyPart wrap(MimeMultipart mm) throws MessagingException {
    MimeBodyPart p = new MimeBodyPart();
    p.setContent(mm);
    return p;
  }

  private static MimeBodyPart part(Attachment a) throws MessagingException {
    MimeBodyPart p = new MimeBodyPart();
    String type = a.type() == null || a.type().isBlank() ? "application/octet-stream" : a.type();
    p.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), type)));
    p.setHeader("Content-Type", type);
    p.setHeader("Content-Transfer-Encoding", "base64");
    if (a.filename() != null && !a.filename().isEmpty()) {
      p.setFileName(a.filename()); // RFC 2231 when not ASCII
    }
    p.setDisposition(a.inline() ? Part.INLINE : Part.ATTACHMENT);
    if (a.contentId() != null && !a.contentId().isEmpty()) {
      String id = a.contentId();
      p.setContentID(id.startsWith("<") ? id : "<" + id + ">");
    }
    return p;
  }
}
