package dev.fakemail.inspector.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.postmarkapp.postmark.Postmark;
import com.postmarkapp.postmark.client.ApiClient;
import com.postmarkapp.postmark.client.data.model.message.Message;
import com.postmarkapp.postmark.client.data.model.message.MessageResponse;
import com.postmarkapp.postmark.client.data.model.templates.BaseTemplate;
import com.postmarkapp.postmark.client.data.model.templates.TemplateContent;
import com.postmarkapp.postmark.client.data.model.templates.TemplatedMessage;
import com.postmarkapp.postmark.client.exception.PostmarkException;
import dev.fakemail.core.Attachment;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Postmark through the official {@code com.postmarkapp:postmark} SDK, pointed at fakemail by its base URL only. */
@Timeout(60)
class PostmarkIT {
  private static final String TOKEN = "0f1e2d3c-aaaa-bbbb-cccc-123456789abc";
  private FakeMailServer mail;
  private FakeMailHttpServer http;

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.builder(mail).providerKey("postmark", TOKEN).start();
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  private ApiClient client(String token) {
    return Postmark.getApiClient(token, false, http.host() + ":" + http.port());
  }

  @Test
  void singleMessageWithAttachmentsAndBcc() throws Exception {
    byte[] bin = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 10, 13};
    Message m = new Message("Sender <sender@example.test>", "alice@example.test, Bob <bob@example.test>", "Postmark ✓",
        "<p>html</p>");
    m.setTextBody("text");
    m.setBcc("audit@example.test");
    m.setTag("welcome");
    m.addMetadata("order", "17");
    m.addHeader("X-Custom", "yes");
    m.addAttachment("data.bin", bin, "application/octet-stream");
    MessageResponse r = client(TOKEN).deliverMessage(m);
    assertThat(r.getMessageId()).isNotBlank();
    assertThat(r.getErrorCode()).isZero();

    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.subject()).isEqualTo("Postmark ✓");
    assertThat(got.text()).isEqualTo("text");
    assertThat(got.html()).isEqualTo("<p>html</p>");
    assertThat(got.envelope().from()).isEqualTo("sender@example.test");
    assertThat(got.envelope().recipientAddresses()).containsExactly("alice@example.test", "bob@example.test", "audit@example.test");
    assertThat(got.header("Bcc")).isEmpty();
    assertThat(got.header("X-PM-Tag")).containsExactly("welcome");
    assertThat(got.header("X-PM-Metadata-order")).containsExactly("17");
    assertThat(got.header("X-Custom")).containsExactly("yes");
    assertThat(got.messageId()).contains(r.getMessageId());
    assertThat(got.session().provider()).isEqualTo("postmark");
    assertThat(got.session().authUser()).isEqualTo("0f1e2d...");
    assertThat(got.rawString()).doesNotContain(TOKEN);
    Attachment a = got.attachments().get(0);
    assertThat(a.filename()).isEqualTo("data.bin");
    assertThat(a.content()).isEqualTo(bin);
  }

  @Test
  void batchAndTemplates() throws Exception {
    ApiClient c = client(TOKEN);
    List<MessageResponse> rs = c.deliverMessage(List.of(
        new Message("a@example.test", "x@example.test", "one", "<b>1</b>"),
        new Message("a@example.test", "y@example.test", "two", "<b>2</b>")));
    assertThat(rs).hasSize(2).allSatisfy(x -> assertThat(x.getErrorCode()).isZero());
    mail.awaitMessages(MessageFilter.any(), 2, Duration.ofSeconds(10));
    mail.purge();

    TemplateContent t = new TemplateContent();
    t.setName("Welcome");
    t.setAlias("welcome");
    t.setSubject("Hi {{name}}");
    t.setTextBody("Hello {{name}}{{#each items}} {{this}}{{/each}}");
    t.setHtmlBody("<p>{{name}}</p>");
    BaseTemplate created = c.createTemplate(t);
    assertThat(created.getTemplateId()).isPositive();
    TemplatedMessage tm = new TemplatedMessage("a@example.test", "z@example.test");
    tm.setTemplateAlias("welcome");
    tm.setTemplateModel(Map.of("name", "Zoë & co", "items", List.of("a", "b")));
    c.deliverMessageWithTemplate(tm);
    ReceivedMessage got = mail.awaitMessage(MessageFilter.any());
    assertThat(got.subject()).isEqualTo("Hi Zoë & co");
    assertThat(got.text()).isEqualTo("Hello Zoë & co a b");
    assertThat(got.html()).isEqualTo("<p>Zoë &amp; co</p>");
  }

  @Test
  void refusalsInPostmarkShape() throws Exception {
    assertThatThrownBy(() -> client("wrong-token").deliverMessage(new Message("a@example.test", "b@example.test", "s", "h")))
        .isInstanceOfSatisfying(PostmarkException.class, e -> assertThat(e.getErrorCode()).isEqualTo(10));
    assertThatThrownBy(() -> client(TOKEN).deliverMessage(new Message("a@example.test", "not an address", "s", "h")))
        .isInstanceOfSatisfying(PostmarkException.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(300);
          assertThat(e.getMessage()).contains("Invalid 'To' address");
        });
    Message noBody = new Message("a@example.test", "b@example.test", "s", null);
    assertThatThrownBy(() -> client(TOKEN).deliverMessage(noBody))
        .isInstanceOfSatisfying(PostmarkException.class, e -> assertThat(e.getMessage()).contains("TextBody or HtmlBody"));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ",").append("r").append(i).append("@example.test");
    }
    assertThatThrownBy(() -> client(TOKEN).deliverMessage(new Message("a@example.test", many.toString(), "s", "h")))
        .hasMessageContaining("maximum number of recipients");
    Fault down = mail.faults().add(Faults.apiUnavailable().provider("postmark"));
    assertThatThrownBy(() -> client(TOKEN).deliverMessage(new Message("a@example.test", "b@example.test", "s", "h")))
        .isInstanceOf(PostmarkException.class);
    assertThat(mail.messages()).isEmpty();
    mail.faults().remove(down.id());
    Postmark.getApiClient(TOKEN, false, http.host() + ":" + http.port() + "/provider/postmark")
        .deliverMessage(new Message("a@example.test", "b@example.test", "prefixed", "h"));
    assertThat(mail.awaitMessage(MessageFilter.any()).subject()).isEqualTo("prefixed");
  }
}
