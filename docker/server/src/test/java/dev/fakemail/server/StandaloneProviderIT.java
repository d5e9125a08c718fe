package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mailgun.api.v3.MailgunMessagesApi;
import com.mailgun.client.MailgunClient;
import com.postmarkapp.postmark.Postmark;
import com.postmarkapp.postmark.client.exception.PostmarkException;
import com.resend.Resend;
import com.resend.services.emails.model.CreateEmailOptions;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import dev.fakemail.core.support.InterceptingProxy;
import feign.FeignException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Every relay service's official Java SDK against the standalone jar (issue 18), one jar process for
 * the class: SendGrid, Amazon SES v2 and v1 (AWS SDK for Java v2 {@code sesv2}, {@code ses}), Postmark,
 * Mailgun with only their endpoint changed, and resend-java through the test-only
 * {@link InterceptingProxy} (its base URL is fixed; see ResendIT). Strict mode comes from
 * {@code FAKEMAIL_PROVIDER_KEY}; each provider refuses a wrong key with the SDK's own error and stores
 * nothing, and each accepted send is read back over the jar's REST API (subject, recipients, provider,
 * key id).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StandaloneProviderIT {
  private static final String SENDGRID_KEY = "SG.standalone.secret";
  private static final String RESEND_KEY = "re_standalone_secret";
  private static final String SES_KEY = "AKIASTANDALONE01";
  private static final String POSTMARK_TOKEN = "0f1e2d3c-aaaa-bbbb-cccc-standalone01";
  private static final String MAILGUN_KEY = "key-standalone0123";

  private static Process jar;
  private static int port;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void startTheJar() throws Exception {
    ProcessBuilder pb = StandaloneServerIT.quiet(new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", StandaloneServerIT.JAR.toString(),
        "--smtp-port", "0", "--http-port", "0", "--allowed-host", "api.resend.com")));
    pb.environment().put("FAKEMAIL_PROVIDER_KEY", String.join(",", "sendgrid:" + SENDGRID_KEY, "resend:" + RESEND_KEY,
        "ses:" + SES_KEY, "postmark:" + POSTMARK_TOKEN, "mailgun:" + MAILGUN_KEY));
    jar = pb.start();
    port = readUntilReady(jar).get("http");
  }

  @AfterAll
  static void stopTheJar() throws Exception {
    if (jar != null) {
      jar.destroy();
      jar.waitFor(20, TimeUnit.SECONDS);
      jar.destroyForcibly();
    }
  }

  private static JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String list(String provider, String subject) {
    return "/api/v1/messages?provider=" + provider + "&subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
  }

  /** The one message with this subject through {@code provider}, read back over REST, with its recipients and key id. */
  private static void assertStored(String provider, String subject, String recipient, String authUser) throws Exception {
    JsonNode found = get(list(provider, subject) + "&wait=10s");
    assertThat(found.path("total").asInt()).as(found.toString()).isEqualTo(1);
    JsonNode summary = found.path("messages").get(0);
    assertThat(summary.path("subject").asText()).isEqualTo(subject);
    assertThat(summary.path("envelope").path("to").get(0).asText()).isEqualTo(recipient);
    JsonNode full = get("/api/v1/messages/" + summary.path("id").asText());
    assertThat(full.path("session").path("provider").asText()).isEqualTo(provider);
    assertThat(full.path("session").path("authUser").asText()).isEqualTo(authUser);
  }

  /** Nothing stored from a refused send (checked after the accepted one was, so the refusal had its turn). */
  private static void assertNothingStored(String provider, String subject) throws Exception {
    assertThat(get(list(provider, subject)).path("total").asInt()).isZero();
  }

  private static Response sendGrid(String key, String subject) throws Exception {
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
  void sendGridSdk() throws Exception {
    assertThat(sendGrid("SG.wrong.key", "sendgrid refused").getStatusCode()).isEqualTo(401);
    assertThat(sendGrid(SENDGRID_KEY, "sendgrid via the jar").getStatusCode()).isEqualTo(202);
    assertStored("sendgrid", "sendgrid via the jar", "user@example.test", "SG.standalone");
    assertNothingStored("sendgrid", "sendgrid refused");
  }

  private static SesV2Client sesV2(String accessKey) {
    return SesV2Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret-never-seen")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  private static void sendV2(SesV2Client ses, String subject) {
    ses.sendEmail(b -> b.fromEmailAddress("app@example.test").destination(d -> d.toAddresses("v2@example.test"))
        .content(c -> c.simple(s -> s.subject(x -> x.data(subject)).body(body -> body.text(x -> x.data("hi"))))));
  }

  @Test
  void sesV2Sdk() throws Exception {
    try (SesV2Client wrong = sesV2("AKIAWRONGKEY"); SesV2Client ses = sesV2(SES_KEY)) {
      assertThatThrownBy(() -> sendV2(wrong, "ses v2 refused")).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenIdException");
      });
      sendV2(ses, "ses v2 via the jar");
    }
    assertStored("ses", "ses v2 via the jar", "v2@example.test", SES_KEY);
    assertNothingStored("ses", "ses v2 refused");
  }

  private static SesClient sesV1(String accessKey) {
    return SesClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "v1-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  private static void sendV1(SesClient ses, String subject) {
    ses.sendEmail(b -> b.source("app@example.test").destination(d -> d.toAddresses("v1@example.test"))
        .message(m -> m.subject(s -> s.data(subject)).body(body -> body.text(t -> t.data("hi")))));
  }

  @Test
  void sesV1Sdk() throws Exception {
    try (SesClient wrong = sesV1("AKIAWRONG"); SesClient ses = sesV1(SES_KEY)) {
      assertThatThrownBy(() -> sendV1(wrong, "ses v1 refused")).isInstanceOfSatisfying(AwsServiceException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
      });
      sendV1(ses, "ses v1 via the jar");
    }
    assertStored("ses", "ses v1 via the jar", "v1@example.test", SES_KEY);
    assertNothingStored("ses", "ses v1 refused");
  }

  private static void postmark(String token, String subject) throws Exception {
    Postmark.getApiClient(token, false, "127.0.0.1:" + port).deliverMessage(
        new com.postmarkapp.postmark.client.data.model.message.Message("app@example.test", "pm@example.test", subject, "<b>hi</b>"));
  }

  @Test
  void postmarkSdk() throws Exception {
    assertThatThrownBy(() -> postmark("wrong-token", "postmark refused"))
        .isInstanceOfSatisfying(PostmarkException.class, e -> assertThat(e.getErrorCode()).isEqualTo(10));
    postmark(POSTMARK_TOKEN, "postmark via the jar");
    assertStored("postmark", "postmark via the jar", "pm@example.test", "0f1e2d...");
    assertNothingStored("postmark", "postmark refused");
  }

  private static void mailgun(String key, String subject) {
    MailgunClient.config("http://127.0.0.1:" + port, key).createApi(MailgunMessagesApi.class).sendMessage("mg.example.test",
        com.mailgun.model.message.Message.builder().from("app@mg.example.test").to("mg@example.test").subject(subject)
            .text("hi").build());
  }

  @Test
  void mailgunSdk() throws Exception {
    assertThatThrownBy(() -> mailgun("key-wrong", "mailgun refused"))
        .isInstanceOfSatisfying(FeignException.class, e -> assertThat(e.status()).isEqualTo(401));
    mailgun(MAILGUN_KEY, "mailgun via the jar");
    assertStored("mailgun", "mailgun via the jar", "mg@example.test", "key-st...");
    assertNothingStored("mailgun", "mailgun refused");
  }

  private static void resend(String key, String subject) throws Exception {
    new Resend(key).emails().send(CreateEmailOptions.builder().from("app@example.test").to("re@example.test")
        .subject(subject).text("hi").build());
  }

  @Test
  void resendSdkThroughTheInterceptingProxy(@TempDir Path dir) throws Exception {
    try (InterceptingProxy proxy = InterceptingProxy.forHost("api.resend.com", dir)) {
      proxy.target(port);
      proxy.installAsJvmProxy();
      assertThatThrownBy(() -> resend("re_wrong_key", "resend refused"))
          .hasMessageContaining("403").hasMessageContaining("\"name\":\"invalid_api_key\"");
      resend(RESEND_KEY, "resend via the jar");
    }
    assertStored("resend", "resend via the jar", "re@example.test", "re_standalone");
    assertNothingStored("resend", "resend refused");
  }
}
