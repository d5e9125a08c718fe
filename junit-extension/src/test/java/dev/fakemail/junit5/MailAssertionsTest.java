package dev.fakemail.junit5;

import static dev.fakemail.junit5.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fluent assertions, on messages made in memory (no server). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MailAssertionsTest {
  private static final SessionInfo SESSION = new SessionInfo("s1", Listener.SMTP, "127.0.0.1", "client", "", "", "");

  /** A store of its own: the assertions only need a {@link MailInspector}. */
  private static final class Inbox implements MailInspector {
    private final List<ReceivedMessage> messages = new ArrayList<>();

    Inbox add(String to, String subject, String body, String attachment) {
      String raw = "From: app@example.test\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\n"
          + (attachment == null
              ? "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
              : "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n" + body
                  + "\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"" + attachment
                  + "\"\r\n\r\nPDF\r\n--b--\r\n");
      messages.add(ReceivedMessage.of(String.valueOf(messages.size() + 1), Instant.now(),
          Envelope.of("app@example.test", List.of(to)), SESSION, raw.getBytes(StandardCharsets.UTF_8)));
      return this;
    }

    @Override
    public List<ReceivedMessage> messages(MessageFilter filter) {
      return messages.stream().filter(filter::matches).toList();
    }

    @Override
    public Optional<ReceivedMessage> message(String id) {
      return messages.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    @Override
    public List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void purge() {
      messages.clear();
    }

    @Override
    public boolean delete(String id) {
      return messages.removeIf(m -> m.id().equals(id));
    }
  }

  private final Inbox inbox = new Inbox()
      .add("carol@example.test", "Newsletter", "news", null)
      .add("bob@example.test", "Welcome", "Confirm at /confirm?token=abc", null)
      .add("bob@example.test", "Invoice", "attached", "invoice-7.pdf");

  @Test
  void passingChainNarrowsToTheMatchingMessage() {
    assertEquals("2", assertThat(inbox).hasMessageTo("BOB@example.test").withSubject("Welcome")
        .withBodyContaining("/confirm?token=").single().id());
    assertThat(inbox).hasMessageTo("bob@example.test").hasCount(2)
        .withAttachmentNamed("invoice-7.pdf").hasCount(1);
    assertThat(inbox).hasCount(3).hasMessageFrom("app@example.test").withSubjectContaining("NEWS");
  }

  @Test
  void missingMessageListsWhatArrivedClosestFirstWithWhatEachLacks() {
    assertThatThrownBy(() -> assertThat(inbox).hasMessageTo("bob@example.test").withSubject("Welcome")
        .withAttachmentNamed("terms.pdf"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected a message to <bob@example.test> with subject \"Welcome\" with an attachment named"
            + " \"terms.pdf\", but none of the 3 messages that arrived matches. Arrived, closest match first:")
        .hasMessageContainingAll("lacks: with an attachment named \"terms.pdf\" (has attachments [])",
            "has attachments [invoice-7.pdf]", "has envelope recipients [carol@example.test]")
        .satisfies(e -> {
          String text = e.getMessage();
          int welcome = text.indexOf("#2 ");
          int invoice = text.indexOf("#3 ");
          int newsletter = text.indexOf("#1 ");
          org.assertj.core.api.Assertions.assertThat(welcome).isPositive().isLessThan(invoice);
          org.assertj.core.api.Assertions.assertThat(invoice).isLessThan(newsletter);
        });
  }

  @Test
  void wrongCountSaysHowManyAndShowsThem() {
    assertThatThrownBy(() -> assertThat(inbox).hasMessageTo("bob@example.test").hasCount(1))
        .hasMessageStartingWith("expected 1 message to <bob@example.test> but found 2. Arrived, closest match first:")
        .hasMessageContaining("subject \"Invoice\"");
  }

  @Test
  void emptyServerSaysNothingArrived() {
    assertThatThrownBy(() -> assertThat(new Inbox()).hasMessageTo("bob@example.test"))
        .hasMessage("expected a message to <bob@example.test>, but no message arrived at all");
    assertThat(new Inbox()).hasNoMessages();
  }

  @Test
  void senderAuthenticationAssertionsSayWhatTheVerdictWas() {
    Authentication.Check spf = new Authentication.Check("spf", Authentication.Result.PASS, "", Map.of("smtp.mailfrom", "a@shop.test"));
    Authentication.Check dkim = new Authentication.Check("dkim", Authentication.Result.FAIL, "body hash mismatch",
        Map.of("header.d", "shop.test"));
    Authentication.Check dmarc = new Authentication.Check("dmarc", Authentication.Result.FAIL, "p=reject",
        Map.of("header.from", "shop.test"));
    Inbox signed = new Inbox();
    signed.messages.add(ReceivedMessage.of("9", Instant.now(), Envelope.of("a@shop.test", List.of("bob@example.test")),
        SESSION, "From: a@shop.test\r\nSubject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8),
        new Authentication(spf, List.of(dkim), dmarc)));
    assertThat(signed).hasMessageTo("bob@example.test").passesSpf();
    assertThatThrownBy(() -> assertThat(signed).hasMessageTo("bob@example.test").passesDmarc())
        .hasMessageContaining("passing DMARC")
        .hasMessageContaining("dmarc=fail (p=reject)");
    assertThatThrownBy(() -> assertThat(signed).hasMessage().hasValidDkimSignatureFor("shop.test"))
        .hasMessageContaining("with a valid DKIM signature for shop.test")
        .hasMessageContaining("dkim=fail d=shop.test (body hash mismatch)");
    // a message made without verdicts has none
    assertThatThrownBy(() -> assertThat(inbox).hasMessage().passesSpf()).hasMessageContaining("spf=none (not judged)");
  }
}
