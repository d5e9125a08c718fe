package dev.fakemail.core.assertions;

import static dev.fakemail.core.assertions.MailAssertions.assertThatMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * The fluent assertions, on messages made in memory (no server). This class static-imports AssertJ's
 * {@code assertThat} and fakemail's {@code assertThatMail} side by side: both compile and both run.
 */
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
      messages.add(dev.fakemail.core.internal.CoreAccess.get().message(String.valueOf(messages.size() + 1), Instant.now(),
          Envelope.of("app@example.test", List.of(to)), SESSION, raw.getBytes(StandardCharsets.UTF_8), null));
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

    // the assertions ask only for messages: the server's state is not simulated here

    @Override
    public void reset() {
      throw new UnsupportedOperationException("reset");
    }

    @Override
    public List<dev.fakemail.core.SessionRecord> sessions() {
      throw new UnsupportedOperationException("sessions");
    }

    @Override
    public List<dev.fakemail.core.DeliveryAttempt> deliveries() {
      throw new UnsupportedOperationException("deliveries");
    }

    @Override
    public dev.fakemail.core.FaultRules faults() {
      throw new UnsupportedOperationException("faults");
    }

    @Override
    public dev.fakemail.core.DnsControl dns() {
      throw new UnsupportedOperationException("dns");
    }

    @Override
    public dev.fakemail.core.ClockControl clock() {
      throw new UnsupportedOperationException("clock");
    }

    @Override
    public List<dev.fakemail.core.User> users() {
      throw new UnsupportedOperationException("users");
    }

    @Override
    public void addUser(dev.fakemail.core.User user) {
      throw new UnsupportedOperationException("addUser");
    }

    @Override
    public boolean removeUser(String address) {
      throw new UnsupportedOperationException("removeUser");
    }
  }

  private final Inbox inbox = new Inbox()
      .add("carol@example.test", "Newsletter", "news", null)
      .add("bob@example.test", "Welcome", "Confirm at /confirm?token=abc", null)
      .add("bob@example.test", "Invoice", "attached", "invoice-7.pdf");

  @Test
  void passingChainNarrowsToTheMatchingMessage() {
    assertThat(assertThatMail(inbox).hasMessageTo("BOB@example.test").withSubject("Welcome")
        .withBodyContaining("/confirm?token=").single().id()).isEqualTo("2");
    assertThatMail(inbox).hasMessageTo("bob@example.test").hasCount(2)
        .withAttachmentNamed("invoice-7.pdf").hasCount(1);
    assertThatMail(inbox).hasCount(3).hasMessageFrom("app@example.test").withSubjectContaining("NEWS");
  }

  @Test
  void missingMessageListsWhatArrivedClosestFirstWithWhatEachLacks() {
    assertThatThrownBy(() -> assertThatMail(inbox).hasMessageTo("bob@example.test").withSubject("Welcome")
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
          assertThat(welcome).isPositive().isLessThan(invoice);
          assertThat(invoice).isLessThan(newsletter);
        });
  }

  @Test
  void wrongCountSaysHowManyAndShowsThem() {
    assertThatThrownBy(() -> assertThatMail(inbox).hasMessageTo("bob@example.test").hasCount(1))
        .hasMessageStartingWith("expected 1 message to <bob@example.test> but found 2. Arrived, closest match first:")
        .hasMessageContaining("subject \"Invoice\"");
  }

  @Test
  void emptyServerSaysNothingArrived() {
    assertThatThrownBy(() -> assertThatMail(new Inbox()).hasMessageTo("bob@example.test"))
        .hasMessage("expected a message to <bob@example.test>, but no message arrived at all");
    assertThatMail(new Inbox()).hasNoMessages();
  }

  @Test
  void senderAuthenticationAssertionsSayWhatTheVerdictWas() {
    Authentication.Check spf = new Authentication.Check("spf", Authentication.Result.PASS, "", Map.of("smtp.mailfrom", "a@shop.test"));
    Authentication.Check dkim = new Authentication.Check("dkim", Authentication.Result.FAIL, "body hash mismatch",
        Map.of("header.d", "shop.test"));
    Authentication.Check dmarc = new Authentication.Check("dmarc", Authentication.Result.FAIL, "p=reject",
        Map.of("header.from", "shop.test"));
    Inbox signed = new Inbox();
    signed.messages.add(dev.fakemail.core.internal.CoreAccess.get().message("9", Instant.now(), Envelope.of("a@shop.test", List.of("bob@example.test")),
        SESSION, "From: a@shop.test\r\nSubject: s\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8),
        new Authentication(spf, List.of(dkim), dmarc)));
    assertThatMail(signed).hasMessageTo("bob@example.test").passesSpf();
    assertThatThrownBy(() -> assertThatMail(signed).hasMessageTo("bob@example.test").passesDmarc())
        .hasMessageContaining("passing DMARC")
        .hasMessageContaining("dmarc=fail (p=reject)");
    assertThatThrownBy(() -> assertThatMail(signed).hasMessage().hasValidDkimSignatureFor("shop.test"))
        .hasMessageContaining("with a valid DKIM signature for shop.test")
        .hasMessageContaining("dkim=fail d=shop.test (body hash mismatch)");
    // a message made without verdicts has none
    assertThatThrownBy(() -> assertThatMail(inbox).hasMessage().passesSpf()).hasMessageContaining("spf=none (not judged)");
  }

  @Test
  void aQuerysAnswerCanBeAssertedOnToo() {
    assertThatMail(inbox.messages(MessageFilter.subject("Invoice"))).hasCount(1).hasMessageTo("bob@example.test")
        .withAttachmentNamed("invoice-7.pdf");
    assertThat(inbox.messages()).hasSize(3); // AssertJ's, in the same class
  }
}
