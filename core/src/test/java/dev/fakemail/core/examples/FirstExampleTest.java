package dev.fakemail.core.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The first example of the README: start a server, send to it, await the message. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FirstExampleTest {

  /** Stands in for the application under test: it sends a welcome mail over SMTP. */
  static void sendWelcome(String to, String smtpHost, int smtpPort) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", smtpHost);
    props.put("mail.smtp.port", String.valueOf(smtpPort));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("noreply@app.test"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Welcome");
    message.setText("Confirm here: https://app.test/confirm?token=abc123");
    Transport.send(message);
  }

  @Test
  void welcomeMailArrives() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start()) {
      sendWelcome("bob@example.test", mail.host(), mail.smtpPort());

      ReceivedMessage m = mail.awaitMessage(to("bob@example.test"));
      assertThat(m.subject()).isEqualTo("Welcome");
      assertThat(m.text()).contains("/confirm?token=");
      assertThat(m.envelope().from()).isEqualTo("noreply@app.test");
    }
  }
}
