package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessagesApiIT extends InspectorFixture {
  private ReceivedMessage sendRich() throws Exception {
    smtp.rich("Alice <alice@example.test>", "Bob <bob@example.test>", "Invoice n\u00b0 7", "Please pay.",
        "<p>Please <b>pay</b>.</p><script>alert(1)</script>", "invoice.pdf", "application/pdf",
        "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII));
    return mail.awaitMessage(to("bob@example.test"));
  }

  @Test
  void listAnswersTotalAndSummariesOldestFirst() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "first", "one");
    smtp.text("alice@example.test", "carol@example.test", "second", "two");
    mail.awaitMessages(subject(""), 2);

    HttpResponse<byte[]> res = api.get("api/v1/messages");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).startsWith("application/json");
    JsonNode body = Api.json(res);
    assertThat(body.get("total").asInt()).isEqualTo(2);
    JsonNode first = body.get("messages").get(0);
    assertThat(first.get("subject").asText()).isEqualTo("first");
    assertThat(first.get("envelope").get("from").asText()).isEqualTo("alice@example.test");
    assertThat(first.get("envelope").get("to").get(0).asText()).isEqualTo("bob@example.test");
    assertThat(first.get("from").get(0).get("address").asText()).isEqualTo("alice@example.test");
    assertThat(first.get("to").get(0).get("address").asText()).isEqualTo("bob@example.test");
    assertThat(first.get("cc").isArray()).isTrue();
    assertThat(first.get("size").asInt()).isPositive();
    assertThat(first.get("attachments").asInt()).isZero();
    assertThat(first.get("listener").asText()).isEqualTo("smtp");
    assertThat(Instant.parse(first.get("receivedAt").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(first.has("id")).isTrue();
  }

  @Test
  void filtersSelectByRecipientSenderSubjectTextAndSince() throws Exception {
    Instant before = Instant.now();
    smtp.text("alice@example.test", "bob@example.test", "Welcome Bob", "token=abc");
    smtp.text("dave@example.test", "carol@example.test", "Reminder", "nothing here");
    mail.awaitMessages(subject(""), 2);

    assertThat(total("api/v1/messages?to=BOB@example.test")).isEqualTo(1);
    assertThat(total("api/v1/messages?from=dave@example.test")).isEqualTo(1);
    assertThat(total("api/v1/messages?subject=welcome")).isEqualTo(1);
    assertThat(total("api/v1/messages?text=TOKEN%3Dabc")).isEqualTo(1);
    assertThat(total("api/v1/messages?to=bob@example.test&subject=Reminder")).isZero();
    assertThat(total("api/v1/messages?since=" + before)).isEqualTo(2);
    assertThat(total("api/v1/messages?since=" + Instant.now().plusSeconds(60))).isZero();
    assertThat(total("api/v1/messages?q=carol")).isEqualTo(1);
    assertThat(total("api/v1/messages?to=nobody@example.test")).isZero();
  }

  @Test
  void limitOffsetAndOrderPageThroughTheMatches() throws Exception {
    for (int i = 0; i < 5; i++) {
      smtp.text("alice@example.test", "bob@example.test", "n" + i, "body");
    }
    mail.awaitMessages(to("bob@example.test"), 5);

    JsonNode page = Api.json(api.get("api/v1/messages?limit=2&offset=1"));
    assertThat(page.get("total").asInt()).isEqualTo(5);
    assertThat(page.get("messages")).hasSize(2);
    assertThat(page.get("messages").get(0).get("subject").asText()).isEqualTo("n1");
    assertThat(page.get("messages").get(1).get("subject").asText()).isEqualTo("n2");

    JsonNode newest = Api.json(api.get("api/v1/messages?order=newest&limit=1"));
    assertThat(newest.get("messages").get(0).get("subject").asText()).isEqualTo("n4");

    JsonNode beyond = Api.json(api.get("api/v1/messages?offset=10"));
    assertThat(beyond.get("total").asInt()).isEqualTo(5);
    assertThat(beyond.get("messages")).isEmpty();
  }

  @Test
  void messageJsonHasHeadersBodiesAttachmentsAndSession() throws Exception {
    ReceivedMessage m = sendRich();

    HttpResponse<byte[]> res = api.get("api/v1/messages/" + m.id());
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode j = Api.json(res);
    assertThat(j.get("id").asText()).isEqualTo(m.id());
    assertThat(j.get("subject").asText()).isEqualTo("Invoice n\u00b0 7");
    assertThat(j.get("from").get(0).get("name").asText()).isEqualTo("Alice");
    assertThat(j.get("to").get(0).get("address").asText()).isEqualTo("bob@example.test");
    assertThat(j.get("text").asText()).contains("Please pay.");
    assertThat(j.get("html").asText()).contains("<b>pay</b>");
    assertThat(j.get("messageId").asText()).isEqualTo(m.messageId());
    assertThat(j.get("date").asText()).isNotEmpty();
    assertThat(j.get("headers").get(0).has("name")).isTrue();
    assertThat(j.get("headers").findValuesAsText("name")).contains("Subject", "MIME-Version");
    JsonNode att = j.get("attachments").get(0);
    assertThat(att.get("index").asInt()).isZero();
    assertThat(att.get("filename").asText()).isEqualTo("invoice.pdf");
    assertThat(att.get("contentType").asText()).isEqualTo("application/pdf");
    assertThat(att.get("size").asInt()).isEqualTo(13);
    JsonNode session = j.get("session");
    assertThat(session.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(session.get("helo").asText()).isNotEmpty();
    assertThat(session.get("tls").asBoolean()).isFalse();
    assertThat(session.has("authUser")).isTrue();
    assertThat(session.has("tlsProtocol")).isTrue();
    assertThat(j.get("envelope").get("recipients").get(0).get("address").asText()).isEqualTo("bob@example.test");
  }

  @Test
  void rawAnswersTheExactBytesAsRfc822() throws Exception {
    ReceivedMessage m = sendRich();

    HttpResponse<byte[]> res = api.get("api/v1/messages/" + m.id() + "/raw");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).isEqualTo("message/rfc822");
    assertThat(res.body()).isEqualTo(m.raw());
    assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void attachmentAnswersItsBytesWithItsContentType() throws Exception {
    ReceivedMessage m = sendRich();

    HttpResponse<byte[]> res = api.get("api/v1/messages/" + m.id() + "/attachments/0");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).isEqualTo("application/pdf");
    assertThat(new String(res.body(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
    assertThat(res.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("invoice.pdf"));

    assertThat(api.get("api/v1/messages/" + m.id() + "/attachments/1").statusCode()).isEqualTo(404);
    assertThat(api.get("api/v1/messages/" + m.id() + "/attachments/x").statusCode()).isEqualTo(400);
  }

  @Test
  void htmlBodyIsServedUnderAPolicyThatRunsNoScriptAndLoadsNothingRemote() throws Exception {
    ReceivedMessage m = sendRich();

    HttpResponse<byte[]> res = api.get("api/v1/messages/" + m.id() + "/html");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).startsWith("text/html");
    String csp = res.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("sandbox").contains("default-src 'none'").doesNotContain("script-src");
    assertThat(new String(res.body(), StandardCharsets.UTF_8)).contains("<b>pay</b>");
  }

  @Test
  void deleteOneAnswers204AndTheMessageIsGone() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "a", "a");
    ReceivedMessage m = mail.awaitMessage(to("bob@example.test"));

    HttpResponse<byte[]> res = api.delete("api/v1/messages/" + m.id());
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(res.body()).isEmpty();
    assertThat(mail.message(m.id())).isEmpty();
    assertThat(api.get("api/v1/messages/" + m.id()).statusCode()).isEqualTo(404);
    assertThat(api.delete("api/v1/messages/" + m.id()).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteAllAnswers204AndEmptiesTheStore() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "a", "a");
    smtp.text("alice@example.test", "carol@example.test", "b", "b");
    mail.awaitMessages(subject(""), 2);

    assertThat(api.delete("api/v1/messages").statusCode()).isEqualTo(204);
    assertThat(mail.messages()).isEmpty();
    assertThat(Api.json(api.get("api/v1/messages")).get("total").asInt()).isZero();
  }

  private int total(String path) {
    HttpResponse<byte[]> res = api.get(path);
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    return Api.json(res).get("total").asInt();
  }
}
