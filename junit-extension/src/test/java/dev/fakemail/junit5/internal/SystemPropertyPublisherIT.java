package dev.fakemail.junit5.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class SystemPropertyPublisherIT {
  private final FakeMailServer smtpOnly = FakeMailServer.builder().listeners(Listener.SMTP).start();
  private final FakeMailServer full = FakeMailServer.start();

  @AfterEach
  void stop() {
    smtpOnly.close();
    full.close();
    System.clearProperty("fakemail.smtp.port");
  }

  @Test
  void latestServerWinsAndEarlierValuesComeBackInOrder() {
    System.setProperty("fakemail.smtp.port", "keep-me");
    SystemPropertyPublisher publisher = new SystemPropertyPublisher();

    publisher.publish(full);
    publisher.publish(smtpOnly);
    assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(smtpOnly.smtpPort()));
    assertThat(System.getProperty("fakemail.submission.port")).as("left from the other server")
        .isEqualTo(String.valueOf(full.submissionPort()));

    publisher.withdraw(smtpOnly);
    assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(full.smtpPort()));
    assertThat(System.getProperty("fakemail.smtps.host")).isEqualTo("127.0.0.1");

    publisher.withdraw(full);
    assertThat(System.getProperty("fakemail.smtp.port")).as("the value from before").isEqualTo("keep-me");
    assertThat(System.getProperty("fakemail.submission.port")).isNull();
    assertThat(System.getProperty("fakemail.smtp.host")).isNull();
  }

  @Test
  void withdrawingInStartOrderKeepsTheLaterServerPublished() {
    SystemPropertyPublisher publisher = new SystemPropertyPublisher();
    publisher.publish(full);
    publisher.publish(smtpOnly);

    publisher.withdraw(full);
    assertThat(System.getProperty("fakemail.smtp.port")).isEqualTo(String.valueOf(smtpOnly.smtpPort()));
    assertThat(System.getProperty("fakemail.submission.port")).as("the server that had it is gone").isNull();

    publisher.close();
    assertThat(System.getProperty("fakemail.smtp.port")).isNull();
  }
}
