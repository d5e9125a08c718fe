package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance {@code FakeMailExtension} field: a server for each test, stopped after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProgrammaticMethodIT {
  private static FakeMailServer previous;

  @RegisterExtension
  final FakeMailExtension mail = FakeMailExtension.builder().maxMessageSize(10_000).build();

  @Test
  @Order(1)
  void eachTestHasAServer() throws Exception {
    FakeMailServer server = mail.server();
    assertThat(server.config().maxMessageSize()).isEqualTo(10_000);
    Mailer.to(server.smtpPort()).send("app@example.test", "bob@example.test", "Per test", "x");
    assertThat(server.awaitMessage(to("bob@example.test")).subject()).isEqualTo("Per test");
    previous = server;
  }

  @Test
  @Order(2)
  void theNextTestHasAnotherAndTheFirstIsStopped(FakeMailServer injected) {
    assertThat(injected).isSameAs(mail.server()).isNotSameAs(previous);
    assertThat(previous.isRunning()).isFalse();
    assertThat(injected.messages()).isEmpty();
  }
}
