package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** {@code @Nested} classes share the server of the enclosing class, unless they declare their own. */
@FakeMail
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NestedIT {
  private static FakeMailServer outer;

  @BeforeAll
  static void remember(FakeMailServer mail) {
    outer = mail;
  }

  @Test
  void outerTestReceivesMail(FakeMailServer mail) throws Exception {
    Mailer.to(mail.smtpPort()).send("app@example.test", "outer@example.test", "Outer", "o");
    assertThat(mail.awaitMessage(to("outer@example.test")).subject()).isEqualTo("Outer");
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Inner {
    @Test
    void innerTestUsesTheOuterServerEmptied(FakeMailServer mail) throws Exception {
      assertThat(mail).isSameAs(outer);
      assertThat(mail.messages(to("outer@example.test"))).isEmpty();
      Mailer.to(mail.smtpPort()).send("app@example.test", "inner@example.test", "Inner", "i");
      assertThat(mail.awaitMessage(to("inner@example.test")).subject()).isEqualTo("Inner");
    }

    @Test
    void portsResolveInNestedTests(@SmtpPort int port) {
      assertThat(port).isEqualTo(outer.smtpPort());
    }

    @Nested
    class Deeper {
      @Test
      void twoLevelsDownStillTheOuterServer(FakeMailServer mail) {
        assertThat(mail).isSameAs(outer);
        assertThat(mail.messages()).isEmpty();
      }
    }
  }

  @Nested
  @FakeMail(users = "alice@corp.test:secret")
  class WithItsOwnServer {
    @Test
    void nestedAnnotationStartsAnotherServer(FakeMailServer mail) throws Exception {
      assertThat(mail).isNotSameAs(outer);
      assertThat(outer.isRunning()).isTrue();
      assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(mail.smtpPort()));
      assertThrows(MessagingException.class, () -> Mailer.to(mail.smtpPort()).send("a@corp.test", "bob@corp.test", "x", "y"));
    }
  }
}
