package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mailgun.api.v3.MailgunMessagesApi;
import com.mailgun.client.MailgunClient;
import com.mailgun.model.message.MailgunMimeMessage;
import com.mailgun.model.message.Message;
import com.mailgun.model.message.MessageResponse;
import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import feign.FeignException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Mailgun through the official {@code com.mailgun:mailgun-java} SDK, pointed at fakemail by its base URL only. */
@Timeout(60)
class MailgunIT {
  private static final String KEY = "key-0123456789abcdef";
  private FakeMailServer mail;
  private FakeMailHttpServer http;

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).providerKey("mailgun", KEY).start();
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  private MailgunMessagesApi api(String key, String path) {
    return MailgunClient.config("http://" + http.host() + ":" + http.port() + path, key).createApi(MailgunMessagesApi.class);
  }

  @Test
  void multipartMessageWithAttachmentsHeadersVariablesAndTags(@TempDir Path dir) throws Exception {
    byte[] bin = new byte[4096];
    for (int i = 0; i < bin.length; i++) {
      bin[i] = (byte) (i ^ 0x5a);
    }
    File att = Files.write(dir.resolve("blob.bin"), bin).toFile();
    File logo = Files.write(dir.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'}).toFile();
    Message m = Message.builder().from("Shop <shop@mg.example.test>").to("alice@example.test").cc("carol@example.test")
        .bcc("audit@example.test").subject("Mailgun ✓").text("plain").html("<img src=\"cid:logo.png\">")
        .attachment(att).inline(logo).tag("receipts").headers(Map.of("X-Order", "99")).myVar("7")
        .build();
    MessageResponse r = api(KEY, "").sendMessage("mg.example.test", m);
    assertThat(r.getMessage()).isEqualTo("Queued. Thank you.");
    assertThat(r.getId()).endsWith("@mg.example.test>");

    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.subject()).isEqualTo("Mailgun ✓");
    assertThat(got.text()).isEqualTo("plain");
    assertThat(got.envelope().from()).isEqualTo("shop@mg.example.test");
    assertThat(got.envelope().recipientAddresses()).containsExactly("alice@example.test", "carol@example.test", "audit@example.test");
    assertThat(got.header("Bcc")).isEmpty();
    assertThat(got.header("X-Order")).containsExactly("99");
    assertThat(got.header("X-Mailgun-Tag")).containsExactly("receipts");
    assertThat(got.header("X-Mailgun-Variables").get(0)).contains("\"my-var\":\"7\"");
    assertThat(got.messageId()).isEqualTo(r.getId());
    assertThat(got.session().provider()).isEqualTo("mailgun");
    assertThat(got.session().authUser()).isEqualTo("key-01...");
    Attachment a = got.attachments().stream().filter(x -> "blob.bin".equals(x.filename())).findFirst().orElseThrow();
    assertThat(a.content()).isEqualTo(bin);
    Attachment i = got.attachments().stream().filter(x -> "logo.png".equals(x.filename())).findFirst().orElseThrow();
    assertThat(i.inline()).isTrue();
  }

  @Test
  void mimeMessage(@TempDir Path dir) throws Exception {
    String raw = "From: app@example.test\r\nTo: bob@example.test\r\nSubject: mime via mailgun\r\n\r\nbody\r\n";
    File f = Files.writeString(dir.resolve("m.eml"), raw, StandardCharsets.US_ASCII).toFile();
    MessageResponse r = api(KEY, "").sendMIMEMessage("mg.example.test",
        MailgunMimeMessage.builder().to("bob@example.test").message(f).build());
    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.subject()).isEqualTo("mime via mailgun");
    assertThat(got.header("X-FakeMail-Provider-Message-Id")).containsExactly(r.getId());
  }

  @Test
  void refusals() {
    Message ok = Message.builder().from("a@example.test").to("b@example.test").subject("s").text("t").build();
    assertThatThrownBy(() -> api("key-wrong", "").sendMessage("mg.example.test", ok))
        .isInstanceOfSatisfying(FeignException.class, e -> assertThat(e.status()).isEqualTo(401));
    Message noSubject = Message.builder().from("a@example.test").to("b@example.test").text("t").build();
    assertThatThrownBy(() -> api(KEY, "").sendMessage("mg.example.test", noSubject))
        .isInstanceOfSatisfying(FeignException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.contentUTF8()).contains("subject parameter is missing");
        });
    Message badTo = Message.builder().from("a@example.test").to("nobody").subject("s").text("t").build();
    assertThatThrownBy(() -> api(KEY, "").sendMessage("mg.example.test", badTo))
        .isInstanceOfSatisfying(FeignException.class, e -> assertThat(e.status()).isEqualTo(400));
    // the SDK retries a 429 after its Retry-After itself, so the rule stays until removed
    String limited = mail.faults().add(Faults.apiRateLimited(Duration.ofSeconds(1)).provider("mailgun")).id();
    assertThatThrownBy(() -> api(KEY, "").sendMessage("mg.example.test", ok))
        .isInstanceOfSatisfying(FeignException.class, e -> assertThat(e.status()).isEqualTo(429));
    assertThat(mail.messages()).isEmpty();
    mail.faults().remove(limited);
    api(KEY, "/provider/mailgun").sendMessage("mg.example.test", ok);
    assertThat(mail.awaitMessage(MessageFilter.any()).subject()).isEqualTo("s");
  }
}
