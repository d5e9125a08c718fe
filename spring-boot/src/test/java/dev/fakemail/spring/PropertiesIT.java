package dev.fakemail.spring;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.spring.examples.signup.SignupApplication;
import dev.fakemail.spring.examples.signup.SignupService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * SMTPS with the built-in certificate, the extra property names, the HTTP inspector's URL, and its
 * provider API strict about the declared key.
 */
@SpringBootTest(classes = SignupApplication.class)
@EnableFakeMail(listeners = Listener.IMAP, use = Listener.SMTPS, http = true, providerKeys = "postmark:pm-right-token",
    hostProperty = "app.mail.host", portProperty = {"app.mail.port", "legacy.smtp.port"},
    imapPortProperty = "app.imap.port", httpUrlProperty = "app.inspector.url")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PropertiesIT {
  @Autowired
  Environment env;

  @Autowired
  FakeMailServer mail;

  @Autowired
  SignupService signup;

  @Test
  void theApplicationSendsOverSmtpsTrustingOnlyTheServersCertificate() throws Exception {
    signup.signUp("frank@example.test");
    ReceivedMessage m = mail.awaitMessages(to("frank@example.test"), 1, Duration.ofSeconds(10)).get(0);
    assertThat(m.session().listener()).isEqualTo(Listener.SMTPS);
    assertThat(m.session().tls()).isTrue();
    assertThat(mail.ports()).containsOnlyKeys(Listener.SMTPS, Listener.IMAP);
  }

  @Test
  void everyNamedPropertyIsSet() {
    assertThat(env.getProperty("spring.mail.host")).isEqualTo(mail.host());
    assertThat(env.getProperty("spring.mail.port", Integer.class)).isEqualTo(mail.smtpsPort());
    assertThat(env.getProperty("app.mail.host")).isEqualTo(mail.host());
    assertThat(env.getProperty("app.mail.port", Integer.class)).isEqualTo(mail.smtpsPort());
    assertThat(env.getProperty("legacy.smtp.port", Integer.class)).isEqualTo(mail.smtpsPort());
    assertThat(env.getProperty("app.imap.port", Integer.class)).isEqualTo(mail.imapPort());
    assertThat(env.getProperty("fakemail.imap.port", Integer.class)).isEqualTo(mail.imapPort());
    assertThat(env.getProperty("fakemail.smtps.port", Integer.class)).isEqualTo(mail.smtpsPort());
    assertThat(env.getProperty("app.inspector.url")).isEqualTo(env.getProperty("fakemail.http.url")).startsWith("http://");
  }

  @Test
  void theHttpInspectorAnswersAtItsUrl() throws Exception {
    signup.signUp("grace@example.test");
    mail.awaitMessages(to("grace@example.test"), 1, Duration.ofSeconds(10));
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(env.getProperty("app.inspector.url") + "/api/v1/messages?to=grace@example.test")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Welcome, please confirm your address");
  }

  @Test
  void theProviderApiAcceptsOnlyTheDeclaredKey() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String body = "{\"From\":\"app@corp.test\",\"To\":\"%s\",\"Subject\":\"Hi\",\"TextBody\":\"Hello\"}";
    HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(env.getProperty("fakemail.http.url") + "/email"))
        .header("Content-Type", "application/json").header("X-Postmark-Server-Token", "pm-wrong-token")
        .POST(HttpRequest.BodyPublishers.ofString(body.formatted("gina@example.test"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);
    HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(env.getProperty("fakemail.http.url") + "/email"))
        .header("Content-Type", "application/json").header("X-Postmark-Server-Token", "pm-right-token")
        .POST(HttpRequest.BodyPublishers.ofString(body.formatted("hank@example.test"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(mail.awaitMessage(to("hank@example.test")).subject()).isEqualTo("Hi");
    assertThat(mail.messages(to("gina@example.test"))).isEmpty();
  }
}
