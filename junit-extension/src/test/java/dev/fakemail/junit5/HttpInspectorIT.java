package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.junit5.examples.SignupService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @FakeMail(http = true)}: the HTTP inspector runs next to the server, its port injected. */
@FakeMail(listeners = Listener.SMTP, http = true)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpInspectorIT {

  @Test
  void theApiSeesWhatTheServerReceived(FakeMailServer mail, @HttpPort int httpPort) throws Exception {
    new SignupService().signUp("bob@example.test", mail.host(), mail.smtpPort());
    mail.awaitMessage(to("bob@example.test"));

    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/api/v1/messages?to=bob@example.test")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"total\":1").contains("Welcome");
  }

  @Test
  void healthIsUpWhileTheServerRuns(@HttpPort int httpPort) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).contains("UP");
  }
}
