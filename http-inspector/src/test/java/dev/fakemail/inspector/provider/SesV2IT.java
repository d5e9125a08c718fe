package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AttachmentContentDisposition;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/** Amazon SES API v2 through the official AWS SDK for Java v2 ({@code sesv2}), pointed at fakemail by endpointOverride only. */
@Timeout(60)
class SesV2IT {
  private static final String ACCESS_KEY = "AKIAFAKEMAIL0001";
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private SesV2Client ses;

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

  private SesV2Client client(String accessKey, String path) {
    return SesV2Client.builder()
        .endpointOverride(URI.create("http://" + http.host() + ":" + http.port() + path))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret-never-seen")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  @Test
  void simpleContentWithAttachmentsAndBccInTheEnvelopeOnly() {
    byte[] bin = new byte[5000];
    for (int i = 0; i < bin.length; i++) {
      bin[i] = (byte) (i * 7 + 3);
    }
    SendEmailResponse r = ses.sendEmail(b -> b
        .fromEmailAddress("Shop <shop@example.test>")
        .destination(d -> d.toAddresses("alice@example.test").ccAddresses("carol@example.test").bccAddresses("audit@example.test"))
        .replyToAddresses("help@example.test")
        .emailTags(t -> t.name("flow").value("order"))
        .content(c -> c.simple(s -> s
            .subject(x -> x.data("Ihre Bestellung ✓").charset("UTF-8"))
            .body(body -> body.text(x -> x.data("plain body")).html(x -> x.data("<b>html body</b>")))
            .headers(h -> h.name("X-Order").value("1234"))
            .attachments(a -> a.fileName("invoice.bin").contentType("application/octet-stream")
                .rawContent(SdkBytes.fromByteArray(bin)).contentDisposition(AttachmentContentDisposition.ATTACHMENT)))));
    assertThat(r.messageId()).isNotBlank();

    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("Ihre Bestellung ✓");
    assertThat(m.header("Subject").get(0)).startsWith("=?UTF-8?");
    assertThat(m.text()).isEqualTo("plain body");
    assertThat(m.html()).isEqualTo("<b>html body</b>");
    assertThat(m.envelope().from()).isEqualTo("shop@example.test");
    assertThat(m.envelope().recipientAddresses()).containsExactly("alice@example.test", "carol@example.test", "audit@example.test");
    assertThat(m.header("Bcc")).isEmpty();
    assertThat(m.header("X-Order")).containsExactly("1234");
    assertThat(m.messageId()).contains(r.messageId()).endsWith("@email.amazonses.com>");
    assertThat(m.header("X-FakeMail-Provider-Message-Id")).containsExactly(r.messageId());
    assertThat(m.session().provider()).isEqualTo("ses");
    assertThat(m.session().authUser()).isEqualTo(ACCESS_KEY);
    assertThat(m.rawString()).doesNotContain("secret-never-seen");
    Attachment a = m.attachments().get(0);
    assertThat(a.filename()).isEqualTo("invoice.bin");
    assertThat(a.content()).isEqualTo(bin);
  }

  @Test
  void rawContentIsStoredAsSentWithoutBcc() {
    String raw = "From: app@example.test\r\nTo: bob@example.test\r\nBcc: hidden@example.test\r\nSubject: raw one\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nraw body line\r\n";
    SendEmailResponse r = ses.sendEmail(b -> b.content(c -> c.raw(x -> x.data(SdkBytes.fromString(raw, StandardCharsets.US_ASCII)))));
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("raw one");
    assertThat(m.text().strip()).isEqualTo("raw body line");
    assertThat(m.envelope().recipientAddresses()).containsExactly("bob@example.test", "hidden@example.test");
    assertThat(m.header("Bcc")).isEmpty();
    assertThat(m.rawString()).contains("raw body line\r\n");
    assertThat(m.header("X-FakeMail-Provider-Message-Id")).containsExactly(r.messageId());
  }

  @Test
  void templatesAreRenderedWithHandlebars() {
    ses.createEmailTemplate(b -> b.templateName("welcome").templateContent(t -> t
        .subject("Welcome {{name}}").text("Hi {{name}}, {{#each items}}[{{this}}]{{/each}}").html("<p>Hi {{name}}</p>")));
    ses.sendEmail(b -> b.fromEmailAddress("app@example.test").destination(d -> d.toAddresses("eve@example.test"))
        .content(c -> c.template(t -> t.templateName("welcome").templateData("{\"name\":\"Eve <3\",\"items\":[\"a\",\"b\"]}"))));
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("Welcome Eve <3");
    assertThat(m.text()).isEqualTo("Hi Eve <3, [a][b]");
    assertThat(m.html()).isEqualTo("<p>Hi Eve &lt;3</p>");

    assertThatThrownBy(() -> ses.sendEmail(b -> b.fromEmailAddress("app@example.test")
        .destination(d -> d.toAddresses("eve@example.test"))
        .content(c -> c.template(t -> t.templateName("missing").templateData("{}")))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
        });
  }

  @Test
  void errorsAsSesAnswersThemAndNothingStored() {
    SesV2Client wrong = client("AKIAWRONGKEY", "");
    assertThatThrownBy(() -> wrong.sendEmail(b -> b.fromEmailAddress("app@example.test")
        .destination(d -> d.toAddresses("a@example.test"))
        .content(c -> c.simple(s -> s.subject(x -> x.data("s")).body(body -> body.text(x -> x.data("t")))))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(403);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenIdException");
        });
    wrong.close();
    assertThatThrownBy(() -> ses.sendEmail(b -> b
        .destination(d -> d.toAddresses("a@example.test"))
        .content(c -> c.simple(s -> s.subject(x -> x.data("s")).body(body -> body.text(x -> x.data("t")))))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadRequestException");
        });
    assertThatThrownBy(() -> ses.sendEmail(b -> b.fromEmailAddress("app@example.test")
        .destination(d -> d.toAddresses("not-an-address"))
        .content(c -> c.simple(s -> s.subject(x -> x.data("s")).body(body -> body.text(x -> x.data("t")))))))
        .isInstanceOf(AwsServiceException.class);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add("r" + i + "@example.test");
    }
    assertThatThrownBy(() -> ses.sendEmail(b -> b.fromEmailAddress("app@example.test")
        .destination(d -> d.toAddresses(many))
        .content(c -> c.simple(s -> s.subject(x -> x.data("s")).body(body -> body.text(x -> x.data("t")))))))
        .hasMessageContaining("Recipient count exceeds 50");
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void apiFaultsReachTheSdkAndTheProviderPrefixWorks() {
    mail.faults().add(Faults.apiRateLimited(Duration.ofSeconds(3)).provider("ses").times(1));
    assertThatThrownBy(() -> ses.sendEmail(b -> b.fromEmailAddress("app@example.test")
        .destination(d -> d.toAddresses("a@example.test"))
        .content(c -> c.simple(s -> s.subject(x -> x.data("s")).body(body -> body.text(x -> x.data("t")))))))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(429);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
          assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).hasValue("3");
        });
    assertThat(mail.messages()).isEmpty();
    try (SesV2Client prefixed = client(ACCESS_KEY, "/provider/ses")) {
      prefixed.sendEmail(b -> b.fromEmailAddress("app@example.test")
          .destination(d -> d.toAddresses("a@example.test"))
          .content(c -> c.simple(s -> s.subject(x -> x.data("prefixed")).body(body -> body.text(x -> x.data("t"))))));
    }
    assertThat(mail.awaitMessage(MessageFilter.any()).subject()).isEqualTo("prefixed");
  }

  /**
   * {@code Faults.apiTimeout}: the first attempt is held longer than the SDK's socket timeout, the
   * SDK's standard retry sends again and gets its MessageId; the held attempt goes on and is stored
   * too, as at a real provider a timed-out send may still have been sent (two messages, two ids).
   */
  @Test
  void apiTimeoutMakesTheSdkTimeOutAndRetryAndTheHeldSendStillLands() {
    mail.faults().add(Faults.apiTimeout(Duration.ofSeconds(3)).provider("ses").times(1));
    try (SesV2Client patient = SesV2Client.builder()
        .endpointOverride(URI.create("http://" + http.host() + ":" + http.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "secret-never-seen")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMillis(500)).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
        .build()) {
      SendEmailResponse r = patient.sendEmail(b -> b.fromEmailAddress("app@example.test")
          .destination(d -> d.toAddresses("a@example.test"))
          .content(c -> c.simple(s -> s.subject(x -> x.data("held")).body(body -> body.text(x -> x.data("t"))))));
      List<ReceivedMessage> both = mail.awaitMessages(MessageFilter.subject("held"), 2, Duration.ofSeconds(20));
      assertThat(both).extracting(m -> m.session().sessionId()).doesNotHaveDuplicates().contains(r.messageId());
    }
  }
}
