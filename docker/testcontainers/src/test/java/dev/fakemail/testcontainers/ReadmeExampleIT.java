package dev.fakemail.testcontainers;

import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.client.FakeMailClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's Testcontainers example, so that it compiles and runs. The README builds the
 * container from {@code DockerImageName.parse("fakemail")}; here the image is the one built from
 * this checkout.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReadmeExampleIT {
  // README: static FakeMailContainer mail = new FakeMailContainer(DockerImageName.parse("fakemail")).withApiToken("s3cret");
  static FakeMailContainer mail;

  @BeforeAll
  static void start() {
    ContainerRuntime.require();
    mail = new FakeMailContainer(FakeMailImage.get()).withApiToken("s3cret");
    mail.start();
  }

  @AfterAll
  static void stop() {
    if (mail != null) {
      mail.stop();
    }
  }

  /** Stands for the application under test, which sends its mail over SMTP. */
  static void signUp(String host, int smtpPort, String address) throws Exception {
    Smtp.send(host, smtpPort, "noreply@app.test", address, "Welcome to the app", "Hello " + address);
  }

  @Test
  void welcomeMailReachesTheNewUser() throws Exception {
    Namespace ns = mail.namespace();                  // this test's own domain: ns-k2x9q7m4.test
    String bob = ns.address("bob");

    signUp(mail.getHost(), mail.getSmtpPort(), bob);

    ReceivedMessage m = ns.awaitMessage(subject("Welcome"));
    assertThat(m.envelope().recipientAddresses()).containsExactly(bob);
    assertThat(m.text()).contains("Hello " + bob);
  }

  @Test
  void wholeServerQueriesGoThroughTheClient() throws Exception {
    FakeMailClient client = mail.client();            // sends the token; /health needs none
    String carol = "carol@" + mail.namespace().domain();

    signUp(mail.getHost(), mail.getSmtpPort(), carol);

    ReceivedMessage m = client.awaitMessage(to(carol), Duration.ofSeconds(10));
    assertThat(client.raw(m.id())).isPresent();
    assertThat(client.messages(to(carol))).hasSize(1);
    assertThat(client.isHealthy()).isTrue();
  }
}
