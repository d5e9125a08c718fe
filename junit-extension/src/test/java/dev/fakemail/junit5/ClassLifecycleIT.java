package dev.fakemail.junit5;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.User;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeMail} on a class: one server for every test of the class, emptied before each. */
@FakeMail(users = {"alice@corp.test:secret", "bob@corp.test:hunter2"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClassLifecycleIT {
  private static FakeMailServer fromBeforeAll;
  private static FakeMailServer fromFirstTest;
  private final FakeMailServer fromConstructor;

  ClassLifecycleIT(FakeMailServer mail) {
    this.fromConstructor = mail;
  }

  @BeforeAll
  static void serverIsThereBeforeAll(FakeMailServer mail) {
    fromBeforeAll = mail;
  }

  @Test
  @Order(1)
  void firstTestReceivesRealSmtpMail(FakeMailServer mail) throws Exception {
    fromFirstTest = mail;
    Mailer.to(mail.host(), mail.smtpPort()).send("app@corp.test", "alice@corp.test", "Hello", "first");

    assertThat(mail.awaitMessage(to("alice@corp.test")).text()).contains("first");
    ServerInternals.of(mail).accounts().put(new User("carol@corp.test", "pw", null));
  }

  @Test
  @Order(2)
  void laterTestGetsTheSameServerEmptied(FakeMailServer mail) {
    assertThat(mail).isSameAs(fromFirstTest).isSameAs(fromBeforeAll).isSameAs(fromConstructor);
    assertThat(mail.isRunning()).isTrue();
    assertThat(mail.messages()).isEmpty();
    assertThat(mail.sessions()).isEmpty();
  }

  @Test
  @Order(3)
  void usersGoBackToTheAnnotationBeforeEachTest(FakeMailServer mail) {
    assertThat(ServerInternals.of(mail).accounts().users()).extracting(User::address)
        .containsExactlyInAnyOrder("alice@corp.test", "bob@corp.test");
    assertThrows(MessagingException.class, () -> Mailer.to(mail.smtpPort()).send("app@corp.test", "carol@corp.test", "x", "y"),
        "carol was added at run time by an earlier test and must be gone");
  }

  @Test
  @Order(4)
  void portsAreInjectedByQualifier(FakeMailServer mail, @SmtpPort int smtp, @SubmissionPort int submission,
                                   @SmtpsPort Integer smtps, @FakeMailPort(Listener.SMTP) int smtpAgain) {
    assertThat(smtp).isEqualTo(mail.smtpPort()).isEqualTo(smtpAgain).isPositive();
    assertThat(submission).isEqualTo(mail.submissionPort());
    assertThat(smtps).isEqualTo(mail.smtpsPort());
  }

  @Test
  @Order(5)
  void connectionSettingsArePublishedAsSystemProperties(FakeMailServer mail) {
    assertThat(System.getProperty("fakemail.smtp.host")).isEqualTo("127.0.0.1");
    assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(mail.smtpPort()));
    assertThat(System.getProperty("fakemail.submission.port")).isEqualTo(String.valueOf(mail.submissionPort()));
    assertThat(System.getProperty("fakemail.smtps.port")).isEqualTo(String.valueOf(mail.smtpsPort()));
    assertThat(System.getProperty("fakemail.imap.port")).isEqualTo(String.valueOf(mail.imapPort()));
    assertThat(System.getProperty("fakemail.dns.port")).as("no DNS listener was started").isNull();
  }
}
