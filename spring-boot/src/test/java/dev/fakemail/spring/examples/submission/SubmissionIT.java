package dev.fakemail.spring.examples.submission;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.spring.EnableFakeMail;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.mail.MailSendException;

/**
 * Submission with STARTTLS and AUTH in strict mode: the application logs in as its first declared
 * user, over TLS that trusts fakemail's certificate only (an SSL bundle), and only declared users
 * receive mail.
 */
@SpringBootTest(classes = SubmissionApplication.class)
@EnableFakeMail(use = Listener.SUBMISSION, authRequired = true,
    users = {"billing@app.test:billing-secret", "carol@customer.test:carol-pw"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubmissionIT {
  @Autowired
  InvoiceMailer invoices;

  @Autowired
  FakeMailServer mail;

  @Autowired
  Environment env;

  @Test
  void theInvoiceGoesOverStartTlsAfterAuth() {
    invoices.send("carol@customer.test", "2026-0042");

    ReceivedMessage m = mail.awaitMessages(to("carol@customer.test"), 1, Duration.ofSeconds(10)).get(0);
    assertThat(m.subject()).isEqualTo("Invoice 2026-0042");
    assertThat(m.session().listener()).isEqualTo(Listener.SUBMISSION);
    assertThat(m.session().authUser()).isEqualTo("billing@app.test");
    assertThat(m.session().tls()).isTrue();
    assertThat(env.getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.submissionPort());
  }

  @Test
  void strictModeRefusesAnUndeclaredRecipient() {
    assertThatThrownBy(() -> invoices.send("stranger@customer.test", "2026-0043")).isInstanceOf(MailSendException.class);
    assertThat(mail.messages(to("stranger@customer.test"))).isEmpty();
  }
}
