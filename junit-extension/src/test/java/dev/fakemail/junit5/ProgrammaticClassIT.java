package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static {@code FakeMailExtension} field, configured in code: one server for the class, emptied before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProgrammaticClassIT {
  @RegisterExtension
  static final FakeMailExtension MAIL = FakeMailExtension.builder()
      .listeners(Listener.SMTP)
      .user("alice@corp.test", "secret")
      .configure(b -> b.hostname("mx.corp.test").idleTimeout(Duration.ofSeconds(5)))
      .build();

  private static FakeMailServer first;

  @Test
  @Order(1)
  void serverIsReachableFromTheField() throws Exception {
    FakeMailServer mail = MAIL.server();
    first = mail;
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTP);
    assertThat(mail.config().hostname()).isEqualTo("mx.corp.test");
    Mailer.to(mail.smtpPort()).send("app@corp.test", "alice@corp.test", "Coded", "x");
    assertThat(mail.awaitMessage(to("alice@corp.test")).subject()).isEqualTo("Coded");
    assertThrows(MessagingException.class, () -> Mailer.to(mail.smtpPort()).send("app@corp.test", "bob@corp.test", "x", "y"));
  }

  @Test
  @Order(2)
  void sameServerInjectedAndEmptied(FakeMailServer mail, @SmtpPort int port) {
    assertThat(mail).isSameAs(MAIL.server()).isSameAs(first);
    assertThat(port).isEqualTo(mail.smtpPort());
    assertThat(mail.messages()).isEmpty();
  }

  @Nested
  class Inner {
    @Test
    void nestedClassSharesTheServerOfTheField(FakeMailServer mail) {
      assertThat(mail).isSameAs(first).isSameAs(MAIL.server());
    }
  }
}
