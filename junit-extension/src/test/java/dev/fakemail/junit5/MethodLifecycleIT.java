package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeMail} on methods: each of those tests gets a server of its own, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MethodLifecycleIT {
  private static FakeMailServer previous;
  private FakeMailServer fromBeforeEach;

  @BeforeEach
  void beforeEachSeesTheMethodServer(FakeMailServer mail) {
    fromBeforeEach = mail;
  }

  @Test
  @Order(1)
  @FakeMail
  void testGetsItsOwnServer(FakeMailServer mail) throws Exception {
    assertThat(mail).isSameAs(fromBeforeEach);
    Mailer.to(mail.smtpPort()).send("app@example.test", "bob@example.test", "One", "body");
    assertThat(mail.awaitMessage(to("bob@example.test")).subject()).isEqualTo("One");
    previous = mail;
  }

  @Test
  @Order(2)
  @FakeMail(listeners = Listener.SMTP, users = "alice@corp.test:secret", maxMessageSize = 2048)
  void nextTestGetsAFreshServerWithItsOwnSettings(FakeMailServer mail, @SmtpPort int port) throws Exception {
    assertThat(previous).isNotNull().isNotSameAs(mail);
    assertThat(previous.isRunning()).as("the server of the previous test is stopped").isFalse();
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP);
    assertThat(mail.messages()).isEmpty();
    assertThat(mail.config().maxMessageSize()).isEqualTo(2048);

    assertThrows(MessagingException.class, () -> Mailer.to(port).send("app@corp.test", "bob@corp.test", "x", "y"),
        "strict mode: bob is not a declared user");
    Mailer.to(port).send("app@corp.test", "alice@corp.test", "Hi", "small");
    assertThat(mail.awaitMessage(to("alice@corp.test")).subject()).isEqualTo("Hi");
    previous = mail;
  }

  @Test
  @Order(3)
  @FakeMail(listeners = Listener.SMTP, ports = "submission=0")
  void listenerNamedInPortsIsStartedToo(FakeMailServer mail, @SubmissionPort int submission) {
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP, Listener.SUBMISSION);
    assertThat(submission).as("0: a free port, read back").isPositive();
  }

  @Test
  @Order(4)
  @FakeMail
  void propertiesFollowTheServerOfTheTest(FakeMailServer mail) {
    assertThat(previous.isRunning()).isFalse();
    assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(mail.smtpPort()));
  }
}
