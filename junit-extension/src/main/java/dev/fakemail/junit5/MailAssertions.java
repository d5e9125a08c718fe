package dev.fakemail.junit5;

import dev.fakemail.core.MailInspector;

/**
 * Fluent assertions on what a fake mail server received:
 *
 * <pre>{@code
 * assertThat(mail).hasMessageTo("bob@example.test")
 *     .withSubject("Welcome")
 *     .withBodyContaining("/confirm?token=")
 *     .withAttachmentNamed("terms.pdf");
 * assertThat(mail).hasMessageTo("carol@example.test").hasCount(2);
 * }</pre>
 *
 * <p>The assertions look at the messages stored when {@code assertThat} is called; to wait for mail
 * that is still on its way, call {@code awaitMessage} first. A failure names what was expected
 * and lists what did arrive, closest match first, with what each message lacks.
 */
public final class MailAssertions {
  private MailAssertions() {}

  /** Starts a chain of assertions on the messages stored now. */
  public static MailAssert assertThat(MailInspector mail) {
    return new MailAssert(mail.messages());
  }
}
