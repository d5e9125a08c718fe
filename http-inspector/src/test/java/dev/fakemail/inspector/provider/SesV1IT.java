package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendEmailResponse;

/** Amazon SES v1 (query API) through the official AWS SDK for Java v2 ({@code ses}). */
@Timeout(60)
class SesV1IT {
  private static final String ACCESS_KEY = "AKIAFAKEMAIL0002";
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private SesClient ses;

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).providerKey("ses", ACCESS_KEY).start();
    ses = client(ACCESS_KEY, "");
  }

  @AfterEach
  void stop() {
    ses.close();
    http.close();
    mail.close();
  }

  private SesClient client(String accessKey, String path) {
    return SesClient.builder()
        .endpointOverride(URI.create("http://" + http.host() + ":" + http.port() + path))
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "v1-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void sendEmailBuildsTheMessage() {
    SendEmailResponse r = ses.sendEmail(b -> b.source("App <app@example.test>")
        .destination(d -> d.toAddresses("alice@example.test").bccAddresses("audit@example.test"))
        .message(m -> m.subject(s -> s.data("v1 subject"))
            .body(body -> body.text(t -> t.data("v1 text")).html(h -> h.data("<i>v1</i>")))));
    assertThat(r.messageId()).isNotBlank();
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("v1 subject");
    assertThat(m.text()).isEqualTo("v1 text");
    assertThat(m.html()).isEqualTo("<i>v1</i>");
    assertThat(m.envelope().recipientAddresses()).containsExactly("alice@example.test", "audit@example.test");
    assertThat(m.header("Bcc")).isEmpty();
    assertThat(m.session().provider()).isEqualTo("ses");
    assertThat(m.session().authUser()).isEqualTo(ACCESS_KEY);
    assertThat(m.header("X-FakeMail-Provider-Message-Id")).containsExactly(r.messageId());
  }

  @Test
  void sendRawEmailKeepsTheMessage() {
    String raw = "From: app@example.test\r\nTo: bob@example.test\r\nSubject: raw v1\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n";
    String id = ses.sendRawEmail(b -> b.rawMessage(x -> x.data(SdkBytes.fromString(raw, StandardCharsets.UTF_8))))
        .messageId();
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("raw v1");
    assertThat(m.text().strip()).isEqualTo("Grüße");
    assertThat(m.envelope().recipientAddresses()).containsExactly("bob@example.test");
    assertThat(m.session().sessionId()).isEqualTo(id);
  }

  @Test
  void templatedEmail() {
    ses.createTemplate(b -> b.template(t -> t.templateName("v1tpl").subjectPart("Order {{id}}").textPart("Total {{total}}")));
    ses.sendTemplatedEmail(b -> b.source("app@example.test").destination(d -> d.toAddresses("c@example.test"))
        .template("v1tpl").templateData("{\"id\":7,\"total\":\"9.50\"}"));
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("Order 7");
    assertThat(m.text()).isEqualTo("Total 9.50");
  }

  @Test
  void errorsInSesXmlAndNothingStored() {
    try (SesClient wrong = client("AKIAWRONG", "")) {
      assertThatThrownBy(() -> wrong.sendEmail(b -> b.source("app@example.test")
          .destination(d -> d.toAddresses("a@example.test"))
          .message(m -> m.subject(s -> s.data("s")).body(body -> body.text(t -> t.data("t"))))))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
          });
    }
    assertThatThrownBy(() -> ses.sendEmail(b -> b.source("app@example.test")
        .destination(d -> d.toAddresses("bad address"))
        .message(m -> m.subject(s -> s.data("s")).body(body -> body.text(t -> t.data("t"))))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        });
    mail.faults().add(Faults.apiUnavailable().provider("ses").times(1));
    assertThatThrownBy(() -> ses.sendEmail(b -> b.source("app@example.test")
        .destination(d -> d.toAddresses("a@example.test"))
        .message(m -> m.subject(s -> s.data("s")).body(body -> body.text(t -> t.data("t"))))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void aFormPostWithoutSigV4IsRefused() throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(http.baseUri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "Action=SendEmail&Source=a%40example.test&Destination.ToAddresses.member.1=b%40example.test"
                    + "&Message.Subject.Data=s&Message.Body.Text.Data=t"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>MissingAuthenticationToken</Code>");
    assertThat(mail.messages()).isEmpty();
    try (SesClient prefixed = client(ACCESS_KEY, "/provider/ses")) {
      prefixed.sendEmail(b -> b.source("app@example.test").destination(d -> d.toAddresses("a@example.test"))
          .message(m -> m.subject(s -> s.data("via prefix")).body(body -> body.text(t -> t.data("t")))));
    }
    assertThat(mail.awaitMessage(MessageFilter.any(), Duration.ofSeconds(10)).subject()).isEqualTo("via prefix");
  }
}
