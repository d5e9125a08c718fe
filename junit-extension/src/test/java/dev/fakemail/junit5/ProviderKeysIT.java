package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Strict provider keys from the JUnit extension: {@code @FakeMail(providerKeys)} and {@code
 * FakeMailExtension.builder().http().providerKey(..)}. The named provider refuses any other key as
 * it does (Postmark: 401, ErrorCode 10) and stores nothing; a provider without keys accepts any.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderKeysIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> postmark(int httpPort, String token, String to) throws Exception {
    String body = "{\"From\":\"app@corp.test\",\"To\":\"" + to + "\",\"Subject\":\"Hi\",\"TextBody\":\"Hello\"}";
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/email"))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .header("X-Postmark-Server-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> sendgrid(int httpPort, String key, String to) throws Exception {
    String body = "{\"personalizations\":[{\"to\":[{\"email\":\"" + to + "\"}]}],\"from\":{\"email\":\"app@corp.test\"},"
        + "\"subject\":\"Hi\",\"content\":[{\"type\":\"text/plain\",\"value\":\"Hello\"}]}";
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v3/mail/send"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Nested
  @FakeMail(listeners = Listener.SMTP, http = true, providerKeys = "postmark:pm-right-token")
  class FromTheAnnotation {
    @Test
    void onlyTheDeclaredKeyIsAccepted(FakeMailServer mail, @HttpPort int httpPort) throws Exception {
      HttpResponse<String> wrong = postmark(httpPort, "pm-wrong-token", "bob@example.test");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("\"ErrorCode\":10");

      assertThat(postmark(httpPort, "pm-right-token", "carol@example.test").statusCode()).isEqualTo(200);
      assertThat(mail.awaitMessage(to("carol@example.test")).subject()).isEqualTo("Hi");
      assertThat(mail.messages(to("bob@example.test"))).as("nothing is stored from a refused send").isEmpty();
    }

    @Test
    void aProviderWithoutKeysStaysOpen(FakeMailServer mail, @HttpPort int httpPort) throws Exception {
      assertThat(sendgrid(httpPort, "SG.any-key", "dave@example.test").statusCode()).isEqualTo(202);
      assertThat(mail.awaitMessage(to("dave@example.test")).subject()).isEqualTo("Hi");
    }
  }

  @Nested
  class FromTheBuilder {
    @RegisterExtension
    final FakeMailExtension mail = FakeMailExtension.builder()
        .listeners(Listener.SMTP).http().providerKey("sendgrid:SG.right-key").build();

    @Test
    void onlyTheDeclaredKeyIsAccepted(FakeMailServer server, @HttpPort int httpPort) throws Exception {
      HttpResponse<String> wrong = sendgrid(httpPort, "SG.wrong-key", "erin@example.test");
      assertThat(wrong.statusCode()).isIn(401, 403);
      assertThat(wrong.body()).contains("\"errors\"");

      assertThat(sendgrid(httpPort, "SG.right-key", "frank@example.test").statusCode()).isEqualTo(202);
      assertThat(server.awaitMessage(to("frank@example.test")).subject()).isEqualTo("Hi");
      assertThat(server.messages(to("erin@example.test"))).isEmpty();
    }
  }
}
