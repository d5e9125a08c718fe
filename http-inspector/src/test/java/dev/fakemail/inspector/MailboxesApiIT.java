package dev.fakemail.inspector;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/v1/mailboxes} and {@code GET /api/v1/mailboxes/{address}}: folders, unseen counts, subscriptions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MailboxesApiIT extends InspectorFixture {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static List<String> folders(JsonNode box) {
    List<String> out = new ArrayList<>();
    box.get("folders").forEach(f -> out.add(f.get("name").asText() + " " + f.get("messages").asInt() + " "
        + f.get("unseen").asInt() + " " + (f.get("subscribed").asBoolean() ? "subscribed" : "unsubscribed")
        + (f.get("selectable").asBoolean() ? "" : " noselect")
        + (f.get("specialUse").isNull() ? "" : " " + f.get("specialUse").asText())));
    return out;
  }

  @Test
  void foldersCountMessagesAndUnseenAndFollowAnImapClientsFlagsAndFolders() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "one", "x");
    smtp.text("alice@example.test", "bob@example.test", "two", "x");
    mail.awaitMessages(to("bob@example.test"), 2, WAIT);

    HttpResponse<byte[]> res = api.get("api/v1/mailboxes/bob@example.test");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Api.contentType(res)).startsWith("application/json");
    JsonNode box = Api.json(res);
    assertThat(box.get("address").asText()).isEqualTo("bob@example.test");
    assertThat(box.get("unseen").asInt()).isEqualTo(2);
    assertThat(folders(box)).containsExactly("Drafts 0 0 subscribed \\Drafts", "INBOX 2 2 subscribed",
        "Junk 0 0 subscribed \\Junk", "Sent 0 0 subscribed \\Sent", "Trash 0 0 subscribed \\Trash");

    ImapDialog.run(mail.host(), mail.imapPort(), "a LOGIN bob@example.test pw", "b SELECT INBOX",
        "c STORE 1 +FLAGS (\\Seen)", "d CREATE Projects/2026", "e SUBSCRIBE Projects/2026", "f UNSUBSCRIBE Trash",
        "g LOGOUT");

    box = Api.json(api.get("api/v1/mailboxes/BOB%40Example.test")); // any case, encoded
    assertThat(box.get("unseen").asInt()).isEqualTo(1);
    assertThat(folders(box)).contains("INBOX 2 1 subscribed", "Projects 0 0 unsubscribed",
        "Projects/2026 0 0 subscribed", "Trash 0 0 unsubscribed \\Trash");
    JsonNode list = Api.json(api.get("api/v1/mailboxes"));
    assertThat(list).hasSize(1);
    assertThat(list.get(0).toString()).isEqualTo("{\"address\":\"bob@example.test\",\"messages\":2,\"unseen\":1}");
  }

  @Test
  void unknownMailboxIs404AndTheRouteIsReadOnly() {
    HttpResponse<byte[]> res = api.get("api/v1/mailboxes/nobody@example.test");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(Api.json(res).get("error").asText()).isEqualTo("no mailbox for 'nobody@example.test'");
    assertThat(Api.json(res).get("status").asInt()).isEqualTo(404);
    assertThat(api.send(api.request("api/v1/mailboxes/nobody@example.test").header("X-FakeMail-Request", "1")
        .DELETE().build()).statusCode()).isEqualTo(405);
  }

  @Test
  void aCrossSiteReaderGetsNoCorsGrant() throws Exception {
    smtp.text("alice@example.test", "bob@example.test", "one", "x");
    mail.awaitMessage(to("bob@example.test"), WAIT);
    HttpResponse<byte[]> res = api.send(api.request("api/v1/mailboxes/bob@example.test")
        .header("Origin", "https://evil.example").GET().build());
    assertThat(res.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
