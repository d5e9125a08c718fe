package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static org.assertj.core.api.Assertions.assertThat;

import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay service's SDK against the standalone jar (issue 18): SendGrid's official Java SDK with only
 * its host changed, strict mode from {@code FAKEMAIL_PROVIDER_KEY}, the message read back over REST;
 * then Resend's {@code /emails} over raw HTTP with its strict key from the same variable.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StandaloneProviderIT {
  private static final String KEY = "SG.standalone.secret";
  private static final String RESEND_KEY = "re_standalone_secret";

  private static Response send(int port, String key, String subject) throws Exception {
    SendGrid sg = new SendGrid(key, true);
    sg.setHost("127.0.0.1:" + port);
    sg.setRateLimitRetry(0);
    Mail m = new Mail(new Email("app@example.test"), subject, new Email("user@example.test"), new Content("text/plain", "hi"));
    Request r = new Request();
    r.setMethod(Method.POST);
    r.setEndpoint("mail/send");
    r.setBody(m.build());
    return sg.api(r);
  }

  @Test
  void sendGridSdkAgainstTheJar() throws Exception {
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", StandaloneServerIT.JAR.toString(),
        "--smtp-port", "0", "--http-port", "0")));
    pb.environment().put("FAKEMAIL_PROVIDER_KEY", "sendgrid:" + KEY + ",resend:" + RESEND_KEY);
    Process p = pb.start();
    try {
      int port = readUntilReady(p).get("http");
      assertThat(send(port, "SG.wrong.key", "refused").getStatusCode()).isEqualTo(401);
      Response ok = send(port, KEY, "through the jar");
      assertThat(ok.getStatusCode()).isEqualTo(202);
      String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v1/messages?provider=sendgrid&wait=10s")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(list).contains("\"total\":1").contains("through the jar").doesNotContain("refused");
      // Resend over raw HTTP (its Java SDK has no base-URL setting; see ResendIT), strict key from the same variable
      HttpClient http = HttpClient.newHttpClient();
      String email = "{\"from\":\"app@example.test\",\"to\":\"user@example.test\",\"subject\":\"resend via the jar\",\"text\":\"hi\"}";
      for (String key : new String[] {"re_wrong_key", RESEND_KEY}) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/emails"))
            .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(email)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(key.equals(RESEND_KEY) ? 200 : 403);
      }
      String resend = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v1/messages?provider=resend&wait=10s")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(resend).contains("\"total\":1").contains("resend via the jar");
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }
}
