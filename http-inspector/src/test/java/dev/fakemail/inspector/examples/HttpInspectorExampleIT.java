package dev.fakemail.inspector.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.client.FakeMailClient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's HTTP example: serve the inspection API, and ask it the usual questions remotely. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpInspectorExampleIT {

  /** Stands in for the application under test. */
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
  void welcomeMailArrivesAndIsSeenOverHttp() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start();
         FakeMailHttpServer http = FakeMailHttpServer.builder(mail).port(0).start()) {
      // the web page is at http.baseUri(); the API under http.baseUri() + "api/v1/"
      MailInspector inbox = FakeMailClient.connect(http.baseUri());

      sendWelcome("bob@example.test", mail.host(), mail.smtpPort());

      ReceivedMessage m = inbox.awaitMessage(to("bob@example.test"));
      assertThat(m.subject()).isEqualTo("Welcome");
      assertThat(m.text()).contains("/confirm?token=");
    }
  }
}
