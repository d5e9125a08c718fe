package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.ReceivedMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Health, mailboxes, sessions, reset, certificate and the static files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerRoutesIT extends InspectorFixture {
  @Test
  void healthIsUpWhileTheMailServerRunsAndDownAfter() {
    HttpResponse<byte[]> up = api.get("health");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(up)).startsWith("application/json");
    assertThat(Api.json(up).get("status").asText()).isEqualTo("UP");

    mail.close();

    HttpResponse<byte[]> down = api.get("health");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(Api.json(down).get("status").asText()).isEqualTo("DOWN");
  }

  @Test
  void mailboxesListEachRecipientWithItsCount() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "1", "x");
    smtp.text("alice@example.test", "bob@example.test, carol@example.test", "2", "x");
    mail.awaitMessages(to("bob@example.test"), 2);

    JsonNode boxes = Api.json(api.get("api/v1/mailboxes"));
    assertThat(boxes.isArray()).isTrue();
    assertThat(boxes).hasSize(2);
    assertThat(boxes.get(0).get("address").asText()).isEqualTo("bob@example.test");
    assertThat(boxes.get(0).get("messages").asInt()).isEqualTo(2);
    assertThat(boxes.get(0).get("unseen").asInt()).isEqualTo(2);
    assertThat(boxes.get(1).get("address").asText()).isEqualTo("carol@example.test");
    assertThat(boxes.get(1).get("messages").asInt()).isEqualTo(1);
  }

  @Test
  void sessionsShowTranscriptsWithCredentialsMaskedAndDeliveredIds() throws Exception {
    smtp.authenticated("bob@example.test", "Hunter2-secret", "carol@example.test", "authed");
    ReceivedMessage m = mail.awaitMessage(to("carol@example.test"));

    JsonNode sessions = Api.json(api.get("api/v1/sessions"));
    assertThat(sessions).hasSize(1);
    JsonNode s = sessions.get(0);
    assertThat(s.get("listener").asText()).isEqualTo("smtp");
    assertThat(s.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(s.get("startedAt").asText()).isNotEmpty();
    assertThat(s.get("authUser").asText()).isEqualTo("bob@example.test");
    assertThat(s.get("tls").asBoolean()).isFalse();
    assertThat(s.get("messageIds").get(0).asText()).isEqualTo(m.id());
    List<String> lines = new ArrayList<>();
    s.get("transcript").forEach(l -> lines.add(l.get("direction").asText() + ": " + l.get("text").asText()));
    assertThat(lines).anyMatch(l -> l.startsWith("C: EHLO"));
    assertThat(lines).anyMatch(l -> l.startsWith("C: AUTH"));
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain("Hunter2-secret");
    String plain = Base64.getEncoder().encodeToString("\0bob@example.test\0Hunter2-secret".getBytes(StandardCharsets.UTF_8));
    String login = Base64.getEncoder().encodeToString("Hunter2-secret".getBytes(StandardCharsets.UTF_8));
    assertThat(all).doesNotContain(plain).doesNotContain(login);
  }

  @Test
  void resetClearsMessagesAndSessions() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "1", "x");
    mail.awaitMessage(to("bob@example.test"));

    HttpResponse<byte[]> res = api.post("api/v1/reset");
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(mail.messages()).isEmpty();
    assertThat(Api.json(api.get("api/v1/sessions")).size()).isZero();
  }

  @Test
  void certificateIsThePemOfTheServer() {
    HttpResponse<byte[]> res = api.get("api/v1/tls/certificate");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).isEqualTo("application/x-pem-file");
    String pem = new String(res.body(), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").isEqualTo(mail.tls().certificatePem());
  }

  @Test
  void webPageIsServedWithARestrictivePolicy() {
    HttpResponse<byte[]> page = api.get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(page)).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").doesNotContain("unsafe"));
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("<script src=\"app.js\"");
    assertThat(Api.contentType(api.get("app.js"))).startsWith("text/javascript");
    assertThat(Api.contentType(api.get("app.css"))).startsWith("text/css");
  }
}
