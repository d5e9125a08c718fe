package dev.fakemail.core.assertions;

import dev.fakemail.core.MailInspector;
import dev.fakemail.core.ReceivedMessage;
import java.util.List;

/**
 * Fluent assertions on what a fake mail server received, for any {@link MailInspector}: the
 * in-process server, the HTTP client or a container. Named so that they live beside AssertJ's (or
 * any other library's) {@code assertThat} in one class's static imports:
 *
 * <pre>{@code
 * import static dev.fakemail.core.assertions.MailAssertions.assertThatMail;
 * import static org.assertj.core.api.Assertions.assertThat;
 *
 * assertThatMail(mail).hasMessageTo("bob@example.test")
 *     .withSubject("Welcome")
 *     .withBodyContaining("/confirm?token=")
 *     .withAttachmentNamed("terms.pdf");
 * assertThatMail(mail).hasMessageTo("carol@example.test").hasCount(2);
 * assertThat(mail.messages()).hasSize(3);
 * }</pre>
 *
 * <p>The assertions look at the messages stored when {@code assertThatMail} is called; to wait for
 * mail that is still on its way, call {@code awaitMessage} first. A failure is an
 * {@link AssertionError} that names what was expected and lists what did arrive, closest match
 * first, with what each message lacks. They need no test framework.
 */
public final class MailAssertions {
  private MailAssertions() {}

  /** Starts a chain of assertions on the messages the inspector holds now. */
  public static MailAssert assertThatMail(MailInspector mail) {
    return new MailAssert(mail.messages());
  }

  /** Starts a chain of assertions on these messages (a query's answer, say). */
  public static MailAssert assertThatMail(List<ReceivedMessage> messages) {
    return new MailAssert(messages);
  }
}
