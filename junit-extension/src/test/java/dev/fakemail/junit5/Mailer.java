package dev.fakemail.junit5;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends real mail over SMTP with Angus Mail, as an application under test would. */
final class Mailer {
  private final String host;
  private final int port;
  private String user;
  private String password;

  private Mailer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  static Mailer to(String host, int port) {
    return new Mailer(host, port);
  }

  static Mailer to(int port) {
    return new Mailer("127.0.0.1", port);
  }

  Mailer login(String user, String password) {
    this.user = user;
    this.password = password;
    return this;
  }

  void send(String from, String to, String subject, String body) throws MessagingException {
    MimeMessage m = message(from, to, subject);
    m.setText(body, "UTF-8");
    transport(m);
  }

  void sendWithAttachment(String from, String to, String subject, String body, String filename, String content)
      throws MessagingException {
    MimeMessage m = message(from, to, subject);
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body, "UTF-8");
    MimeBodyPart file = new MimeBodyPart();
    file.setContent(content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    file.setFileName(filename);
    file.setDisposition(MimeBodyPart.ATTACHMENT);
    m.setContent(new MimeMultipart(text, file));
    transport(m);
  }

  private MimeMessage message(String from, String to, String subject) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    if (user != null) {
      props.put("mail.smtp.auth", "true");
    }
    MimeMessage m = new MimeMessage(Session.getInstance(props));
    m.setFrom(new InternetAddress(from));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    m.setSubject(subject, "UTF-8");
    return m;
  }

  private void transport(MimeMessage m) throws MessagingException {
    if (user != null) {
      Transport.send(m, user, password);
    } else {
      Transport.send(m);
    }
  }
}
