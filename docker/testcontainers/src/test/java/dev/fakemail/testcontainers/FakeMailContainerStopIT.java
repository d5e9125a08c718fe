package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docker stop (SIGTERM) ends the server by itself, well before the engine would resort to SIGKILL. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeMailContainerStopIT {
  @Test
  void serverStopsCleanlyOnSigterm() throws Exception {
    ContainerRuntime.require();
    try (FakeMailContainer mail = new FakeMailContainer(FakeMailImage.get())) {
      mail.start();
      assertThat(Smtp.send(mail.getHost(), mail.getSmtpPort(), "a@host.test", "b@host.test", "before stop", "x")).startsWith("250 ");

      Instant asked = Instant.now();
      mail.getDockerClient().stopContainerCmd(mail.getContainerId()).withTimeout(30).exec();
      Duration took = Duration.between(asked, Instant.now());

      InspectContainerResponse.ContainerState state =
          mail.getDockerClient().inspectContainerCmd(mail.getContainerId()).exec().getState();
      assertThat(state.getRunning()).isFalse();
      assertThat(state.getExitCodeLong()).as("exit code: 143 is the JVM's own SIGTERM exit, 137 would be SIGKILL")
          .isIn(0L, 143L);
      assertThat(took).as("stopped on SIGTERM, without waiting for the 30 s kill").isLessThan(Duration.ofSeconds(25));
      assertThat(mail.getLogs()).doesNotContain("Exception");
    }
  }
}
