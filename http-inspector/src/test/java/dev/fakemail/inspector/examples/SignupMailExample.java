package dev.fakemail.inspector.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.User;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test body written against {@link MailInspector} only. {@link InProcessSignupMailIT} runs it
 * against the in-process server and {@link RemoteSignupMailIT} against a {@code FakeMailClient} of
 * a {@code FakeMailHttpServer}: the two differ in the one line that makes the inspector.
 */
abstract class SignupMailExample {
  protected FakeMailServer server;
  private MailInspector mail;

  /** @return the inspector the test body uses: the one line that differs */
  protected abstract MailInspector inspector();

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().user("admin@app.test", "admin-secret").start();
    mail = inspector();
  }

  @AfterEach
  void stop() throws Exception {
    if (mail instanceof AutoCloseable c && mail != server) {
      c.close();
    }
    server.close();
  }

  @Test
  void welcomeMailArrivesAndNothingElseDoes() throws Exception {
    mail.addUser(new User("bob@example.test", "secret", null));
    sendWelcome("bob@example.test");

    ReceivedMessage m = mail.awaitMessage(to("bob@example.test"));
    assertThat(m.subject()).isEqualTo("Welcome");
    assertThat(m.text()).contains("/confirm?token=");
    assertThat(mail.messages()).extracting(ReceivedMessage::id).containsExactly(m.id());
    mail.assertNoMessages(MessageFilter.subject("Welcome again"), Duration.ofMillis(200));
    assertThat(mail.sessions()).isNotEmpty();
    assertThat(mail.users()).extracting(User::address).containsExactly("admin@app.test", "bob@example.test");

    assertThat(mail.delete(m.id())).isTrue();
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void aFullMailboxIsRefusedUntilTheRuleIsRemoved() throws Exception {
    mail.addUser("bob@example.test", "secret");
    Fault full = mail.faults().add(Faults.mailboxFull("bob@example.test").times(1));
    assertThat(mail.faults().list()).containsExactly(full);

    assertThatThrownBy(() -> sendWelcome("bob@example.test")).isInstanceOf(SendFailedException.class)
        .hasStackTraceContaining("452 4.2.2");
    assertThatThrownBy(() -> mail.faults().add(Fault.at(Fault.Stage.RCPT))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no action");

    sendWelcome("bob@example.test"); // the rule fired its one time
    assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Welcome");
  }

  @Test
  void dnsClockAndResetAreTheSameOnBothSides() {
    mail.dns().mx("far.test", 10, "mx.far.test").spf("far.test", "v=spf1 -all");
    mail.dns().add("far.test A 192.0.2.7");
    assertThat(mail.dns().records("far.test")).contains(DnsRecord.parse("far.test MX 10 mx.far.test"),
        DnsRecord.parse("far.test A 192.0.2.7"));
    assertThat(mail.dns().remove("far.test A")).isEqualTo(1);

    assertThat(mail.clock().advance(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    assertThat(mail.clock().offset()).isEqualTo(Duration.ofMinutes(5));
    assertThat(mail.deliveries()).isEmpty();

    mail.addUser("bob@example.test", "secret");
    mail.reset();
    assertThat(mail.dns().records("far.test")).isEmpty();
    assertThat(mail.users()).extracting(User::address).containsExactly("admin@app.test");
    assertThat(mail.removeUser("admin@app.test")).isTrue();
    assertThat(mail.removeUser("admin@app.test")).isFalse();
  }

  /** Stands in for the application under test. */
  private void sendWelcome(String to) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", server.host());
    props.put("mail.smtp.port", String.valueOf(server.smtpPort()));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("noreply@app.test"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject("Welcome");
    message.setText("Confirm here: https://app.test/confirm?token=abc123");
    Transport.send(message);
  }
}
