package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeMail} on a base class applies, with its settings, to the classes that extend it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InheritedIT extends InheritedMailTestBase {

  @Test
  void subclassGetsTheServerOfTheInheritedAnnotation(FakeMailServer mail) throws Exception {
    sendToAlice(mail, "Inherited");
    assertThat(mail.awaitMessage(to("alice@corp.test")).subject()).isEqualTo("Inherited");
  }

  @Test
  void inheritedSettingsApply(FakeMailServer mail) {
    assertThat(mail.messages()).isEmpty();
    assertThrows(MessagingException.class, () -> Mailer.to(mail.smtpPort()).send("app@corp.test", "bob@corp.test", "x", "y"),
        "the inherited users turn on strict mode");
  }
}
