package dev.fakemail.core.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "testing your retry logic" examples. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RetryLogicExampleTest {

  /** Stands in for the application: sends a mail, retrying a temporary (4xx) failure a few times. */
  static final class Mailer {
    private final Properties props = new Properties();
    private final int maxAttempts;
    int attempts;

    Mailer(String host, int port, int maxAttempts) {
      props.put("mail.smtp.host", host);
      props.put("mail.smtp.port", String.valueOf(port));
      this.maxAttempts = maxAttempts;
    }

    void send(String to, String subject) throws MessagingException {
      while (true) {
        attempts++;
        try {
          MimeMessage m = new MimeMessage(Session.getInstance(props));
          m.setFrom(new InternetAddress("noreply@app.test"));
          m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
          m.setSubject(subject);
          m.setText("Hello");
          Transport.send(m);
          return;
        } catch (MessagingException e) {
          if (attempts >= maxAttempts || !e.toString().matches("(?s).*\\b4\\d\\d \\d\\.\\d.*")) {
            throw e;
          }
        }
      }
    }
  }

  @Test
  void greylistedMailIsDeliveredOnRetry() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start()) {
      mail.faults().add(Faults.greylisting(Duration.ZERO)); // first attempt: 451 4.7.1; a retry passes

      Mailer mailer = new Mailer(mail.host(), mail.smtpPort(), 3);
      mailer.send("bob@example.test", "Welcome");

      assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Welcome");
      assertThat(mailer.attempts).isEqualTo(2);
    }
  }

  @Test
  void aRateLimitedSendFailsAfterTheLimit() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start()) {
      mail.faults().add(Faults.rateLimit(2, Duration.ofMinutes(1))); // 421 4.7.0 past 2 messages a minute

      Mailer mailer = new Mailer(mail.host(), mail.smtpPort(), 1);
      mailer.send("a@example.test", "one");
      mailer.send("b@example.test", "two");
      assertThatThrownBy(() -> mailer.send("c@example.test", "three")).isInstanceOf(MessagingException.class);

      assertThat(mail.messages()).hasSize(2);
    }
  }

  @Test
  void theNextDeliveryFailsOnceThenWorks() throws Exception {
    try (FakeMailServer mail = FakeMailServer.start()) {
      mail.faults().add(Fault.at(Fault.Stage.END_OF_DATA).reply("451 4.3.0 Temporary failure").times(1));

      Mailer mailer = new Mailer(mail.host(), mail.smtpPort(), 3);
      mailer.send("bob@example.test", "Receipt");

      assertThat(mailer.attempts).isEqualTo(2);
      assertThat(mail.messages(to("bob@example.test"))).hasSize(1); // stored once, not twice
    }
  }
}
