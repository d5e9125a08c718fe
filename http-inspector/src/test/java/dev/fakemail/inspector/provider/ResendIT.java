package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.resend.Resend;
import com.resend.services.batch.model.CreateBatchEmailsResponse;
import com.resend.services.emails.model.Attachment;
import com.resend.services.emails.model.CreateEmailOptions;
import com.resend.services.emails.model.CreateEmailResponse;
import com.resend.services.emails.model.Tag;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.support.InterceptingProxy;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.internal.provider.ProviderSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resend through the official {@code com.resend:resend-java} SDK, unchanged. The SDK has no base-URL
 * setting ({@code https://api.resend.com} is a constant in 4.1.1 and up to 4.20.0, and it builds its own
 * OkHttpClient), so it is pointed at fakemail the way the JVM points any HTTPS client elsewhere:
 * {@code https.proxyHost}/{@code https.proxyPort} to a loopback {@link InterceptingProxy} whose
 * certificate for {@code api.resend.com} is in {@code javax.net.ssl.trustStore}; fakemail allows the
 * {@code Host} with {@code allowedHost("api.resend.com")}. What the 4.1.1 SDK cannot send (inline
 * parts, idempotency keys, permissive batches) is proved with raw HTTP in the same JSON.
 */
@Timeout(60)
class ResendIT {
  private static final String KEY = "re_abc123_secretpartneverstored";
  private static InterceptingProxy proxy;

  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient raw = HttpClient.newHttpClient();

  @BeforeAll
  static void pointTheJvmAtTheProxy(@TempDir Path dir) throws Exception {
    proxy = InterceptingProxy.forHost("api.resend.com", dir);
    proxy.installAsJvmProxy();
  }

  @AfterAll
  static void restore() throws Exception {
    proxy.close(); // and the JVM's properties
  }

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).allowedHost("api.resend.com").providerKey("resend", KEY).start();
    proxy.target(http.port());
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  @Test
  void sendThroughTheSdkWithAttachmentCcBccReplyToHeadersAndTags() throws Exception {
    byte[] bin = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 10, 13, 0};
    CreateEmailOptions options = CreateEmailOptions.builder()
        .from("Shop <shop@example.test>")
        .to("alice@example.test", "Bob <bob@example.test>")
        .cc("carol@example.test")
        .bcc("audit@example.test")
        .replyTo("help@example.test")
        .subject("Bestellung ✓")
        .text("plain body")
        .html("<b>html body</b>")
        .addHeader("X-Order", "1234")
        .addTag(Tag.builder().name("flow").value("order").build())
        .addAttachment(Attachment.builder().fileName("data.bin").content(Base64.getEncoder().encodeToString(bin)).build())
        .scheduledAt("in 1 min")
        .build();
    CreateEmailResponse r = new Resend(KEY).emails().send(options);
    assertThat(r.getId()).isNotBlank();

    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.subject()).isEqualTo("Bestellung ✓");
    assertThat(got.text()).isEqualTo("plain body");
    assertThat(got.html()).isEqualTo("<b>html body</b>");
    assertThat(got.envelope().from()).isEqualTo("shop@example.test");
    assertThat(got.envelope().recipientAddresses()).containsExactly("alice@example.test", "bob@example.test", "carol@example.test",
        "audit@example.test");
    assertThat(got.header("Bcc")).isEmpty();
    assertThat(got.rawString()).doesNotContain("audit@example.test").doesNotContain(KEY);
    assertThat(got.header("Reply-To")).containsExactly("help@example.test");
    assertThat(got.header("X-Order")).containsExactly("1234");
    assertThat(got.header("X-Resend-Tags")).containsExactly("flow=order");
    assertThat(got.header("X-Resend-Scheduled-At")).containsExactly("in 1 min");
    assertThat(got.header(ProviderSupport.MESSAGE_ID_HEADER)).containsExactly(r.getId());
    assertThat(got.session().provider()).isEqualTo("resend");
    assertThat(got.session().sessionId()).isEqualTo(r.getId());
    assertThat(got.session().authUser()).isEqualTo("re_abc123");
    assertThat(got.attachments()).singleElement().satisfies(a -> {
      assertThat(a.filename()).isEqualTo("data.bin");
      assertThat(a.contentType()).startsWith("application/octet-stream");
      assertThat(a.content()).isEqualTo(bin);
    });
  }

  @Test
  void batchThroughTheSdk() throws Exception {
    CreateBatchEmailsResponse r = new Resend(KEY).batch().send(List.of(
        CreateEmailOptions.builder().from("a@example.test").to("x@example.test").subject("one").html("<p>1</p>").build(),
        CreateEmailOptions.builder().from("a@example.test").to("y@example.test").subject("two").text("2").build()));
    assertThat(r.getData()).hasSize(2);
    List<ReceivedMessage> got = mail.awaitMessages(MessageFilter.any(), 2, Duration.ofSeconds(10));
    assertThat(got).extracting(ReceivedMessage::subject).containsExactlyInAnyOrder("one", "two");
    assertThat(got).extracting(m -> m.header(ProviderSupport.MESSAGE_ID_HEADER).get(0))
        .containsExactlyInAnyOrder(r.getData().get(0).getId(), r.getData().get(1).getId());
  }

  @Test
  void refusalsThroughTheSdkInResendShape() {
    assertThatThrownBy(() -> new Resend("re_wrong_key").emails().send(CreateEmailOptions.builder()
        .from("a@example.test").to("b@example.test").subject("s").text("t").build()))
        .hasMessageContaining("403").hasMessageContaining("\"name\":\"invalid_api_key\"");
    assertThatThrownBy(() -> new Resend(KEY).emails().send(CreateEmailOptions.builder()
        .from("a@example.test").subject("s").text("t").build()))
        .hasMessageContaining("422").hasMessageContaining("missing_required_field").hasMessageContaining("Missing `to` field.");
    assertThatThrownBy(() -> new Resend(KEY).emails().send(CreateEmailOptions.builder()
        .from("not an address").to("b@example.test").subject("s").text("t").build()))
        .hasMessageContaining("Invalid `from` field");
    String[] many = new String[51];
    for (int i = 0; i < many.length; i++) {
      many[i] = "r" + i + "@example.test";
    }
    assertThatThrownBy(() -> new Resend(KEY).emails().send(CreateEmailOptions.builder()
        .from("a@example.test").to(many).subject("s").text("t").build()))
        .hasMessageContaining("Too many recipients");
    Fault limited = mail.faults().add(Faults.apiRateLimited(Duration.ofSeconds(2)).provider("resend"));
    assertThatThrownBy(() -> new Resend(KEY).emails().send(CreateEmailOptions.builder()
        .from("a@example.test").to("b@example.test").subject("s").text("t").build()))
        .hasMessageContaining("429").hasMessageContaining("rate_limit_exceeded");
    mail.faults().remove(limited.id());
    assertThatThrownBy(() -> new Resend(KEY).batch().send(List.of(
        CreateEmailOptions.builder().from("a@example.test").to("x@example.test").subject("one").text("1").build(),
        CreateEmailOptions.builder().from("a@example.test").to("y@example.test").text("no subject").build())))
        .hasMessageContaining("emails[1]: Missing `subject` field.");
    assertThat(mail.messages()).isEmpty();
  }

  // ---- raw HTTP: what resend-java 4.1.1 cannot express ----

  private HttpResponse<String> post(String path, String key, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return raw.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void inlineAttachmentWithContentIdAndContentType() throws Exception {
    String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
    HttpResponse<String> r = post("/provider/resend/emails", KEY, """
        {"from":"a@example.test","to":"b@example.test","subject":"inline","html":"<img src=\\"cid:logo\\">",
         "attachments":[{"filename":"logo.png","content":"%s","content_type":"image/png","content_id":"logo"}]}
        """.formatted(png));
    assertThat(r.statusCode()).isEqualTo(200);
    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.attachments()).singleElement().satisfies(a -> {
      assertThat(a.inline()).isTrue();
      assertThat(a.contentId()).isEqualTo("logo");
      assertThat(a.contentType()).startsWith("image/png");
      assertThat(a.content()).isEqualTo(Base64.getDecoder().decode(png));
    });
    assertThat(got.rawString()).contains("multipart/related");
  }

  @Test
  void idempotencyKeyAnswersTheFirstIdAgainAndRefusesAnotherBody() throws Exception {
    String body = "{\"from\":\"a@example.test\",\"to\":[\"b@example.test\"],\"subject\":\"once\",\"text\":\"t\"}";
    HttpResponse<String> first = post("/emails", KEY, body, "Idempotency-Key", "order-17");
    HttpResponse<String> again = post("/emails", KEY, body, "Idempotency-Key", "order-17");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json.readTree(again.body()).path("id").asText()).isEqualTo(json.readTree(first.body()).path("id").asText());
    HttpResponse<String> other = post("/emails", KEY, body.replace("once", "twice"), "Idempotency-Key", "order-17");
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(json.readTree(other.body()).path("name").asText()).isEqualTo("invalid_idempotent_request");
    mail.awaitMessage(MessageFilter.any());
    assertThat(mail.messages()).hasSize(1);
  }

  @Test
  void permissiveBatchStoresTheValidAndListsTheOthers() throws Exception {
    HttpResponse<String> r = post("/emails/batch", KEY, """
        [{"from":"a@example.test","to":"x@example.test","subject":"ok","text":"1"},
         {"from":"a@example.test","to":"nobody","subject":"bad","text":"2"}]
        """, "x-batch-validation", "permissive");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode answer = json.readTree(r.body());
    assertThat(answer.path("data")).hasSize(1);
    assertThat(answer.path("errors").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(answer.path("errors").get(0).path("message").asText()).contains("Invalid `to` field");
    assertThat(mail.awaitMessage(MessageFilter.any()).subject()).isEqualTo("ok");
  }

  @Test
  void missingKeyAndBadRequestsInResendShape() throws Exception {
    HttpResponse<String> noKey = post("/emails", null, "{}");
    assertThat(noKey.statusCode()).isEqualTo(401);
    JsonNode e = json.readTree(noKey.body());
    assertThat(e.path("statusCode").asInt()).isEqualTo(401);
    assertThat(e.path("name").asText()).isEqualTo("missing_api_key");
    assertThat(post("/emails", KEY, "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> byPath = post("/emails", KEY, """
        {"from":"a@example.test","to":"b@example.test","subject":"s","text":"t",
         "attachments":[{"filename":"x.pdf","path":"https://example.test/x.pdf"}]}
        """);
    assertThat(byPath.statusCode()).isEqualTo(422);
    assertThat(json.readTree(byPath.body()).path("name").asText()).isEqualTo("invalid_attachment");
    assertThat(post("/emails", KEY, """
        {"from":"a@example.test","to":"b@example.test","subject":"s"}
        """).body()).contains("Missing `html` or `text` field.");
    assertThat(mail.messages()).isEmpty();
  }
}
