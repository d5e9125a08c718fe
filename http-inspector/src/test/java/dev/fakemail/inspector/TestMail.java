package dev.fakemail.inspector;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Properties;

/** Sends mail with Angus Mail, a real and independent SMTP client. */
public final class TestMail {
  private final String host;
  private final int port;

  public TestMail(String host, int port) {
    this.host = host;
    this.port = port;
  }

  private Session session(String user) {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "5000");
    if (user != null) {
      p.put("mail.smtp.auth", "true");
    }
    return Session.getInstance(p);
  }

  MimeMessage message(String from, String to, String subject) throws MessagingException {
    MimeMessage m = new MimeMessage(session(null));
    m.setFrom(new InternetAddress(from));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    m.setSubject(subject, "UTF-8");
    return m;
  }

  /** Sends these exact bytes (CRLF lines, no line starting with a dot) in a plain SMTP conversation. */
  void raw(String from, String to, String raw) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket(host, port)) {
      s.setSoTimeout(5000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      var out = s.getOutputStream();
      expect(in, "220");
      for (String[] step : new String[][] {{"EHLO client.test", "250"}, {"MAIL FROM:<" + from + ">", "250"},
          {"RCPT TO:<" + to + ">", "250"}, {"DATA", "354"}, {raw + (raw.endsWith("\r\n") ? "" : "\r\n") + ".", "250"},
          {"QUIT", "221"}}) {
        out.write((step[0] + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        expect(in, step[1]);
      }
    }
  }

  private static void expect(java.io.BufferedReader in, String code) throws java.io.IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null || !line.startsWith(code)) {
        throw new java.io.IOException("expected " + code + ", got " + line);
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
  }

  public void text(String from, String to, String subject, String text) throws MessagingException {
    MimeMessage m = message(from, to, subject);
    m.setText(text, "UTF-8");
    Transport.send(m);
  }

  /** Text and HTML alternatives plus one attachment. */
  void rich(String from, String to, String subject, String text, String html, String fileName, String fileType,
            byte[] file) throws MessagingException {
    MimeMessage m = message(from, to, subject);
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart textPart = new MimeBodyPart();
    textPart.setText(text, "UTF-8");
    MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setContent(html, "text/html; charset=UTF-8");
    alternative.addBodyPart(textPart);
    alternative.addBodyPart(htmlPart);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file, fileType)));
    attachment.setFileName(fileName);
    MimeMultipart mixed = new MimeMultipart("mixed");
    mixed.addBodyPart(body);
    mixed.addBodyPart(attachment);
    m.setContent(mixed);
    Transport.send(m);
  }

  /** A plain message sent after AUTH with the given credentials. */
  void authenticated(String user, String password, String to, String subject) throws MessagingException {
    MimeMessage m = new MimeMessage(session(user));
    m.setFrom(new InternetAddress(user));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    m.setSubject(subject);
    m.setText("authenticated");
    Transport.send(m, user, password);
  }
}
