package dev.fakemail.spring.examples.imapidle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.EnableFakeMail;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring Integration IMAP IDLE flow receives a message delivered to fakemail: the application's own
 * host and port properties are set by {@code hostProperty}/{@code imapPortProperty}.
 */
@SpringBootTest(classes = InboxApplication.class,
    properties = {"app.inbox.user=support@app.test", "app.inbox.password=support-pw"})
@EnableFakeMail(listeners = {Listener.SMTP, Listener.IMAP}, users = "support@app.test:support-pw",
    hostProperty = "app.inbox.host", imapPortProperty = "app.inbox.port")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapIdleIT {
  @Autowired
  FakeMailServer mail;

  @Autowired
  BlockingQueue<MimeMessage> received;

  @Test
  void aMessageDeliveredOverSmtpReachesTheIdleFlow() throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", mail.host());
    props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
    MimeMessage customer = new MimeMessage(Session.getInstance(props));
    customer.setFrom(new InternetAddress("dave@customer.test"));
    customer.setRecipient(Message.RecipientType.TO, new InternetAddress("support@app.test"));
    customer.setSubject("My order has not arrived");
    customer.setText("Order 1234, please help.");
    Transport.send(customer);

    MimeMessage got = received.poll(30, TimeUnit.SECONDS);
    assertThat(got).as("the IDLE flow got the message").isNotNull();
    assertThat(got.getSubject()).isEqualTo("My order has not arrived");
    assertThat(got.getFrom()).extracting(Object::toString).containsExactly("dave@customer.test");
  }
}
