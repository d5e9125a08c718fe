package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.mail.SendFailedException;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** with* options reach the program in the container as FAKEMAIL_* variables. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeMailContainerConfigIT {
  static FakeMailContainer mail;

  @BeforeAll
  static void start() {
    ContainerRuntime.require();
    mail = new FakeMailContainer(FakeMailImage.get())
        .withHostname("mx.container.test")
        .withUser("known@config.test", "secret");
    mail.start();
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void greetingNamesTheConfiguredHostname() throws Exception {
    assertThat(Smtp.greeting(mail.getHost(), mail.getSmtpPort())).startsWith("220 mx.container.test");
  }

  @Test
  void declaredUserReceivesMail() throws Exception {
    assertThat(Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "known@config.test", "Hi", "hello"))
        .startsWith("250 ");
  }

  @Test
  void unknownRecipientIsRejectedWith550OnceUsersAreDeclared() {
    SendFailedException e = catchThrowableOfType(SendFailedException.class,
        () -> Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "stranger@config.test", "Hi", "hello"));
    assertThat(e).as("sending to an undeclared user fails").isNotNull();
    assertThat(e.getNextException()).isInstanceOf(SMTPAddressFailedException.class);
    SMTPAddressFailedException rcpt = (SMTPAddressFailedException) e.getNextException();
    assertThat(rcpt.getReturnCode()).isEqualTo(550);
    assertThat(rcpt.getAddress().getAddress()).isEqualTo("stranger@config.test");
  }
}
