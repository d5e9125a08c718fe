package dev.fakemail.spring.examples.signup;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.spring.EnableFakeMail;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The README's example: one annotation, and the application's JavaMailSender sends to fakemail. */
@SpringBootTest(classes = SignupApplication.class)
@EnableFakeMail
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignupIT {
  @Autowired
  SignupService signup;

  @Autowired
  FakeMailServer mail;

  @Test
  void welcomeMailHasTheConfirmationLinkAndTheTerms() throws Exception {
    String token = signup.signUp("alice@example.test");

    ReceivedMessage m = mail.awaitMessages(to("alice@example.test"), 1, Duration.ofSeconds(10)).get(0);
    assertThat(m.subject()).isEqualTo("Welcome, please confirm your address");
    assertThat(m.html()).contains("<a href=\"https://app.test/confirm/" + token + "\">");
    assertThat(m.attachments()).extracting(Attachment::filename).containsExactly("terms.pdf");
    assertThat(m.attachments().get(0).content()).isEqualTo(SignupService.TERMS);
  }

  @Test
  void theServerIsAlsoATestMethodParameter(@Autowired FakeMailServer server) throws Exception {
    assertThat(server).isSameAs(mail);
    assertThat(server.messages(to("alice@example.test"))).as("emptied before each test").isEmpty();
    signup.signUp("bob@example.test");
    assertThat(server.awaitMessages(to("bob@example.test"), 1, Duration.ofSeconds(10))).hasSize(1);
  }
}
