package dev.fakemail.spring.examples.testcontainers;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.client.FakeMailClient;
import dev.fakemail.spring.examples.signup.SignupApplication;
import dev.fakemail.spring.examples.signup.SignupService;
import dev.fakemail.testcontainers.ContainerRuntime;
import dev.fakemail.testcontainers.FakeMailContainer;
import dev.fakemail.testcontainers.FakeMailImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The signup application against fakemail in a container instead of in-process: the properties come
 * from {@code @DynamicPropertySource}, the reset before each test and the assertions go through the
 * container's HTTP client. The README uses {@code new FakeMailContainer(DockerImageName.parse("fakemail"))};
 * here the image is the one built from this checkout.
 */
@SpringBootTest(classes = SignupApplication.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ContainerSignupIT {
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

  @DynamicPropertySource
  static void mailProperties(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> mail.getHost());
    registry.add("spring.mail.port", () -> mail.getSmtpPort());
  }

  @Autowired
  SignupService signup;

  FakeMailClient client;

  @BeforeEach
  void reset() {
    client = mail.client();
    client.reset(); // what @EnableFakeMail's listener does in-process: messages, sessions and faults cleared
  }

  @Test
  void welcomeMailReachesTheContainer() throws Exception {
    String token = signup.signUp("heidi@example.test");

    ReceivedMessage m = client.awaitMessages(to("heidi@example.test"), 1, Duration.ofSeconds(20)).get(0);
    assertThat(m.subject()).isEqualTo("Welcome, please confirm your address");
    assertThat(m.html()).contains("/confirm/" + token);
    assertThat(m.attachments()).singleElement().satisfies(a -> assertThat(a.filename()).isEqualTo("terms.pdf"));
  }

  @Test
  void eachTestStartsEmpty() {
    assertThat(client.messages(to("heidi@example.test"))).isEmpty();
  }
}
