package dev.fakemail.inspector.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.TestMail;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the client's questions cost in HTTP requests: a list of N messages, or a wait for them, is one
 * request (it was 1 + 2N before 1.0: a list, then each message's JSON and its raw bytes).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeMailClientCostIT {
  private static final int N = 6;
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private FakeMailClient client;

  @BeforeEach
  void start() throws Exception {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    client = FakeMailClient.connect(http.baseUri());
    for (int i = 0; i < N; i++) {
      send("bob@example.test", "message " + i);
    }
    mail.awaitMessages(MessageFilter.to("bob@example.test"), N);
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  @Test
  void listingNMessagesIsOneRequestAndTheyAreWhole() {
    long before = client.requestCount();
    List<ReceivedMessage> got = client.messages();
    assertThat(client.requestCount() - before).isEqualTo(1);

    assertThat(got).hasSize(N);
    for (int i = 0; i < N; i++) {
      ReceivedMessage remote = got.get(i);
      ReceivedMessage local = mail.messages().get(i);
      assertThat(remote.id()).isEqualTo(local.id());
      assertThat(remote.raw()).isEqualTo(local.raw());
      assertThat(remote.envelope()).isEqualTo(local.envelope());
      assertThat(remote.session()).isEqualTo(local.session());
      assertThat(remote.subject()).isEqualTo("message " + i);
      assertThat(remote.authentication().spf().result()).isEqualTo(local.authentication().spf().result());
    }
  }

  @Test
  void waitingForNMessagesIsOneRequest() {
    long before = client.requestCount();
    assertThat(client.awaitMessages(MessageFilter.to("bob@example.test"), N, Duration.ofSeconds(5))).hasSize(N);
    assertThat(client.requestCount() - before).isEqualTo(1);

    before = client.requestCount();
    client.assertNoMessages(MessageFilter.to("nobody@example.test"), Duration.ofMillis(100));
    assertThat(client.requestCount() - before).isEqualTo(1);
  }

  private void send(String to, String subject) throws MessagingException {
    new TestMail(mail.host(), mail.smtpPort()).text("app@corp.test", to, subject, "x");
  }
}
