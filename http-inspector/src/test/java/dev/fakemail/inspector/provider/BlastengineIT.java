package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** blastengine's transaction API through raw HTTP, as its published API describes (no official Java SDK). */
@Timeout(60)
class BlastengineIT {
  private static final String LOGIN = "fakemail-login";
  private static final String API_KEY = "be-api-key-123";
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).providerKey("blastengine", LOGIN + ":" + API_KEY).start();
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  /** As the SDKs derive it: base64 of the lower-case hex SHA-256 of login id and API key. */
  private static String token(String login, String key) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest((login + key).getBytes(StandardCharsets.UTF_8)));
    return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
  }

  private HttpResponse<String> post(String token, String contentType, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(http.baseUri() + "v1/deliveries/transaction"))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jsonTransactionWithInsertCodes() throws Exception {
    String json = "{\"from\":{\"email\":\"info@example.test\",\"name\":\"配信 Team\"},\"to\":\"user@example.test\","
        + "\"cc\":[\"cc@example.test\"],\"bcc\":[\"bcc@example.test\"],\"subject\":\"こんにちは __name__\",\"encode\":\"UTF-8\","
        + "\"text_part\":\"Hello __name__\",\"html_part\":\"<p>Hello __name__</p>\","
        + "\"insert_code\":[{\"key\":\"__name__\",\"value\":\"Taro\"}]}";
    HttpResponse<String> r = post(token(LOGIN, API_KEY), "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).matches("\\{\"delivery_id\":\\d+}");
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    assertThat(m.subject()).isEqualTo("こんにちは Taro");
    assertThat(m.text()).isEqualTo("Hello Taro");
    assertThat(m.html()).isEqualTo("<p>Hello Taro</p>");
    assertThat(m.envelope().recipientAddresses()).containsExactly("user@example.test", "cc@example.test", "bcc@example.test");
    assertThat(m.header("Bcc")).isEmpty();
    assertThat(m.session().provider()).isEqualTo("blastengine");
    assertThat(m.session().authUser()).isEqualTo(LOGIN);
    assertThat(m.rawString()).doesNotContain(API_KEY);
  }

  @Test
  void multipartWithAttachment() throws Exception {
    byte[] file = {1, 2, 3, 0, (byte) 0xff, 13, 10};
    String boundary = "----fakemail" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String json = "{\"from\":{\"email\":\"info@example.test\"},\"to\":\"user@example.test\",\"subject\":\"with file\","
        + "\"text_part\":\"see attached\"}";
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\nContent-Type: application/json\r\n\r\n"
        + json + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(file);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = post(token(LOGIN, API_KEY), "multipart/form-data; boundary=" + boundary, body.toByteArray());
    assertThat(r.statusCode()).isEqualTo(201);
    ReceivedMessage m = mail.awaitMessage(MessageFilter.any());
    Attachment a = m.attachments().get(0);
    assertThat(a.filename()).isEqualTo("a.bin");
    assertThat(a.content()).isEqualTo(file);
  }

  @Test
  void refusals() throws Exception {
    byte[] ok = "{\"from\":{\"email\":\"info@example.test\"},\"to\":\"u@example.test\",\"subject\":\"s\",\"text_part\":\"t\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(post(token(LOGIN, "wrong"), "application/json", ok).statusCode()).isEqualTo(401);
    HttpResponse<String> r = post(token(LOGIN, API_KEY), "application/json",
        "{\"from\":{\"email\":\"info@example.test\"},\"to\":\"u@example.test\",\"text_part\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"error_messages\"").contains("\"subject\"");
    r = post(token(LOGIN, API_KEY), "application/json",
        "{\"from\":{\"email\":\"info@example.test\"},\"to\":\"not an address\",\"subject\":\"s\",\"text_part\":\"t\"}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    StringBuilder cc = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      cc.append(i == 0 ? "" : ",").append("\"c").append(i).append("@example.test\"");
    }
    r = post(token(LOGIN, API_KEY), "application/json", ("{\"from\":{\"email\":\"info@example.test\"},\"to\":\"u@example.test\","
        + "\"cc\":[" + cc + "],\"subject\":\"s\",\"text_part\":\"t\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(mail.messages()).isEmpty();
  }
}
