package dev.fakemail.core.support;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Delivers test messages to a server over SMTP with Angus Mail. */
public final class Mailer {
  private Mailer() {}

  public static void send(FakeMailServer server, String to, String subject, String text) throws MessagingException {
    Properties p = new Properties();
    p.put("mail.smtp.host", server.host());
    p.put("mail.smtp.port", String.valueOf(server.smtpPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress("sender@app.test"));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
    m.setSubject(subject);
    m.setText(text);
    Transport.send(m);
  }

  /** Sends the message bytes exactly as given (dot-stuffed on the wire), with this envelope, over raw SMTP. */
  public static void sendRaw(FakeMailServer server, String from, String to, String raw) throws java.io.IOException {
    try (Conversation c = Conversation.open(server.host(), server.smtpPort())) {
      c.expect("220");
      c.send("HELO client.test").expect("250");
      c.send("MAIL FROM:<" + from + ">").expect("250");
      c.send("RCPT TO:<" + to + ">").expect("250");
      c.send("DATA").expect("354");
      StringBuilder sb = new StringBuilder();
      for (String line : raw.split("\r\n", -1)) {
        sb.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
      }
      String body = sb.substring(0, sb.length() - 2); // raw ends with CRLF: the last split part is empty
      c.sendRaw((body + ".\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      c.expect("250");
      c.send("QUIT").expect("221");
    }
  }
}
