package dev.fakemail.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.HealthCheck;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container.ExecResult;

/** The real image, built from this checkout, in one shared container with the default configuration. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FakeMailContainerIT {
  static FakeMailContainer mail;

  @BeforeAll
  static void start() {
    ContainerRuntime.require();
    mail = new FakeMailContainer(FakeMailImage.get());
    mail.start();
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void mailSentFromTheHostOverSmtpIsAcceptedWith250() throws Exception {
    String reply = Smtp.send(mail.getHost(), mail.getSmtpPort(), "app@host.test", "bob@example.test", "From the host", "hello");
    assertThat(reply).startsWith("250 ").contains("queued");
  }

  @Test
  void submissionPortAcceptsMailToo() throws Exception {
    String reply = Smtp.send(mail.getHost(), mail.getSubmissionPort(), "app@host.test", "carol@example.test", "Submitted", "hi");
    assertThat(reply).startsWith("250 ");
  }

  @Test
  void listenersBindEveryInterfaceInsideTheContainer() {
    assertThat(mail.getLogs()).containsPattern("smtp\\s+0\\.0\\.0\\.0:2525").containsPattern("submission\\s+0\\.0\\.0\\.0:2587")
        .containsPattern("smtps\\s+0\\.0\\.0\\.0:2465").contains("ready");
  }

  @Test
  void serverRunsAsANonRootUser() throws Exception {
    ExecResult id = mail.execInContainer("id", "-u");
    assertThat(id.getExitCode()).isZero();
    assertThat(id.getStdout().trim()).isNotEmpty().isNotEqualTo("0");
  }

  @Test
  void imageExposesEveryStandaloneDefaultPort() {
    InspectImageResponse image = mail.getDockerClient().inspectImageCmd(mail.getDockerImageName()).exec();
    assertThat(Arrays.stream(image.getConfig().getExposedPorts()).map(Object::toString))
        .contains("2525/tcp", "2587/tcp", "2465/tcp", "2110/tcp", "2995/tcp", "2143/tcp", "2993/tcp", "8025/tcp",
            "2053/tcp", "2053/udp");
  }

  @Test
  void containerHasTheImagesHealthCheckOnTheHealthEndpoint() {
    // podman's Docker API leaves it out of the image's inspect output; the container's has it
    HealthCheck check = mail.getContainerInfo().getConfig().getHealthcheck();
    assertThat(check).as("HEALTHCHECK kept (Docker image format)").isNotNull();
    assertThat(String.join(" ", check.getTest())).contains("GET /health").contains("8025").contains("\"UP\"");
  }

  @Test
  void gettersGiveTheMappedPortsAndApiUrl() {
    assertThat(mail.getSmtpPort()).isEqualTo(mail.getMappedPort(FakeMailContainer.SMTP_PORT));
    assertThat(mail.getImapPort()).isEqualTo(mail.getMappedPort(FakeMailContainer.IMAP_PORT));
    assertThat(mail.getPop3Port()).isEqualTo(mail.getMappedPort(FakeMailContainer.POP3_PORT));
    assertThat(mail.getApiUrl().toString()).isEqualTo("http://" + mail.getHost() + ":" + mail.getMappedPort(8025));
  }
}
