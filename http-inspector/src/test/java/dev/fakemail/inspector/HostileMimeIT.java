package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile MIME over SMTP: the message is stored and served raw, octet for octet; the parsed view
 * degrades instead of throwing; the HTTP message view answers 200, never 500.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileMimeIT {
  private static FakeMailServer mail;
  private static FakeMailHttpServer http;
  private static Api api;

  @BeforeAll
  static void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    api = new Api(http.baseUri());
  }

  @AfterAll
  static void stop() {
    http.close();
    mail.close();
  }

  static Stream<Arguments> hostile() {
    StringBuilder nested = new StringBuilder("Subject: nested\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
    for (int i = 1; i < 200; i++) {
      nested.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
    }
    nested.append("--b199\r\nContent-Type: text/plain\r\n\r\ndeep inside\r\n");
    for (int i = 199; i >= 0; i--) {
      nested.append("--b").append(i).append("--\r\n");
    }
    StringBuilder headers = new StringBuilder("Subject: many headers\r\n");
    for (int i = 0; i < 10_000; i++) {
      headers.append("X-H").append(i).append(": value ").append(i).append("\r\n");
    }
    headers.append("\r\nbody\r\n");
    String base64 = "Subject: bad base64\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + "!!!not*base64@@@\r\nQUJD=RE\r\n====\r\n";
    String qp = "Subject: bad qp\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        + "=ZZ=4=\r\n=\r\nsoft break at the end=";
    String badAttachment = "Subject: bad attachment\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
        + "Content-Type: application/octet-stream; name=a.bin\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-Disposition: attachment; filename=\"a.bin\r\n\r\n%%%%\r\n--x\r\nContent-Type: text/plain; charset=\"\r\n"
        + "Content-Transfer-Encoding: x-unknown\r\n\r\ntext\r\n";
    return Stream.of(Arguments.of("200 nested multiparts", nested.toString()),
        Arguments.of("10,000 headers", headers.toString()),
        Arguments.of("broken base64", base64),
        Arguments.of("broken quoted-printable", qp),
        Arguments.of("broken attachment and charset, no closing boundary", badAttachment));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void isStoredRawParsedWithoutThrowingAndServedOverHttp(String name, String message) throws Exception {
    String rcpt = "hostile-" + Math.abs(name.hashCode()) + "@example.test";
    String reply = send(rcpt, message);
    assertThat(reply).startsWith("250 ");
    ReceivedMessage m = mail.awaitMessage(MessageFilter.to(rcpt), Duration.ofSeconds(10));

    assertThat(new String(m.raw(), StandardCharsets.US_ASCII)).contains(message);
    // every field of the parsed view answers: a value, an empty one, or (with parseError) a degraded one
    assertThat(m.subject()).isNotNull();
    assertThat(m.text()).isNotNull();
    assertThat(m.html()).isNotNull();
    assertThat(m.headers()).isNotNull();
    assertThat(m.attachments()).isNotNull();
    assertThat(m.from()).isNotNull();
    assertThat(m.parseError()).isNotNull();

    HttpResponse<byte[]> view = api.get("api/v1/messages/" + m.id());
    assertThat(view.statusCode()).isEqualTo(200);
    JsonNode json = Api.json(view);
    assertThat(json.get("id").asText()).isEqualTo(m.id());
    HttpResponse<byte[]> raw = api.get("api/v1/messages/" + m.id() + "/raw");
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.body()).isEqualTo(m.raw());
    assertThat(api.get("api/v1/messages?to=" + rcpt).statusCode()).isEqualTo(200);
  }

  @Test
  void multipartsNestedPastTheWalkLimitNoteAParseErrorAndKeepTheHeaders() throws Exception {
    String message = (String) hostile().findFirst().orElseThrow().get()[1];
    String rcpt = "nested-note@example.test";
    assertThat(send(rcpt, message)).startsWith("250 ");
    ReceivedMessage m = mail.awaitMessage(MessageFilter.to(rcpt), Duration.ofSeconds(10));
    assertThat(m.parseError()).isPresent();
    assertThat(m.subject()).isEqualTo("nested");
  }

  private static String send(String rcpt, String message) throws IOException {
    try (Socket s = new Socket(mail.host(), mail.smtpPort())) {
      s.setSoTimeout(20_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      reply(in);
      for (String c : new String[] {"EHLO hostile.test", "MAIL FROM:<a@hostile.test>", "RCPT TO:<" + rcpt + ">", "DATA"}) {
        out.write((c + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        reply(in);
      }
      out.write(message.getBytes(StandardCharsets.US_ASCII));
      out.write((message.endsWith("\r\n") ? ".\r\n" : "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return reply(in);
    }
  }

  private static String reply(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return String.valueOf(line);
  }
}
