package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postmarkapp.postmark.Postmark;
import com.postmarkapp.postmark.client.data.model.message.Message;
import com.postmarkapp.postmark.client.exception.PostmarkException;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Attachments;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider request body is charged to the memory budget while it is read and parsed (twice its
 * octets), as SMTP charges DATA: with a 200,000-byte budget a body of some 134 KB has no room and gets
 * the provider's {@code 503} with {@code Retry-After}, nothing stored; a body of 60 KB fits, and its
 * charge is given back when the answer is sent (two in a row fit, the store emptied between them).
 */
@Timeout(60)
class ProviderMemoryBudgetIT {
  private static final int BUDGET = 200_000;
  private FakeMailServer mail;
  private FakeMailHttpServer http;

  @BeforeEach
  void start() {
    mail = FakeMailServer.builder().maxStoreBytes(BUDGET).start();
    http = FakeMailHttpServer.builder(mail).start();
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  private Response sendGrid(int attachmentBytes) throws Exception {
    SendGrid sg = new SendGrid("SG.id.secret", true);
    sg.setHost(http.host() + ":" + http.port());
    sg.setRateLimitRetry(0);
    Mail m = new Mail(new Email("app@example.test"), "budget", new Email("a@example.test"), new Content("text/plain", "body"));
    Attachments a = new Attachments();
    a.setFilename("blob.bin");
    a.setType("application/octet-stream");
    a.setContent(Base64.getEncoder().encodeToString(new byte[attachmentBytes]));
    m.addAttachments(a);
    Request r = new Request();
    r.setMethod(Method.POST);
    r.setEndpoint("mail/send");
    r.setBody(m.build());
    return sg.api(r);
  }

  @Test
  void aBodyWithoutRoomGetsSendGrids503AndNothingIsStored() throws Exception {
    Response r = sendGrid(100_000);
    assertThat(r.getStatusCode()).isEqualTo(503);
    assertThat(r.getHeaders().get("Retry-After")).isEqualTo("5");
    assertThat(r.getBody()).contains("\"errors\"").contains("memory budget");
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void theChargeIsGivenBackWhenTheAnswerIsSent() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(sendGrid(45_000).getStatusCode()).as("send %d", i).isEqualTo(202);
      mail.awaitMessage(MessageFilter.any());
      mail.purge();
    }
  }

  @Test
  void aChunkedBodyIsChargedAsItArrivesAndGetsResends503() throws Exception {
    String big = "{\"from\":\"a@example.test\",\"to\":\"b@example.test\",\"subject\":\"s\",\"text\":\""
        + "x".repeat(150_000) + "\"}";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/emails"))
        .header("Authorization", "Bearer re_id_secret").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
        .build();
    HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    JsonNode e = new ObjectMapper().readTree(r.body());
    assertThat(e.path("statusCode").asInt()).isEqualTo(503);
    assertThat(e.path("name").asText()).isEqualTo("application_error");
    assertThat(mail.messages()).isEmpty();
  }

  @Test
  void postmarksSdkSeesItsOwnErrorShape() {
    Message m = new Message("a@example.test", "b@example.test", "s", "x".repeat(120_000));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Postmark.getApiClient("token", false,
            http.host() + ":" + http.port()).deliverMessage(m))
        .isInstanceOf(PostmarkException.class).hasMessageContaining("memory budget");
    assertThat(mail.messages()).isEmpty();
  }
}
