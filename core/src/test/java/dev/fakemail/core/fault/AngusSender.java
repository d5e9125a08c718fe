package dev.fakemail.core.fault;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Sends one message the way an application would, with Angus Mail, and hands back what it threw. */
final class AngusSender {
  private AngusSender() {}

  static Properties props(FakeMailServer server) {
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.smtpPort()));
    p.put("mail.smtp.connectiontimeout", "5000");
    p.put("mail.smtp.timeout", "5000");
    return p;
  }

  static MessagingException send(Properties props, String from, String subject, String... to) {
    return sendAs(props, null, null, from, subject, to);
  }

  static MessagingException sendAs(Properties props, String user, String password, String from, String subject, String... to) {
    try {
      Session session = Session.getInstance(props);
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(from));
      for (String t : to) {
        m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
      }
      m.setSubject(subject);
      m.setText("body of " + subject);
      if (user != null) {
        Transport.send(m, user, password);
      } else {
        Transport.send(m);
      }
      return null;
    } catch (MessagingException e) {
      return e;
    }
  }
}
