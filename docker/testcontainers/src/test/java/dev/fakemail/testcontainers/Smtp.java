package dev.fakemail.testcontainers;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** Sends mail with Angus Mail, the real client, and reads greetings. */
final class Smtp {
  private Smtp() {}

  /** Sends one message and returns the server's reply to the end of data, e.g. {@code 250 2.0.0 Ok: queued as ...}. */
  static String send(String host, int port, String from, String to, String subject, String text) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    Session session = Session.getInstance(p);
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject(subject, "UTF-8");
    m.setText(text, "UTF-8");
    try (SMTPTransport t = (SMTPTransport) session.getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, m.getAllRecipients());
      return t.getLastServerResponse();
    }
  }

  static String greeting(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
  }
}
