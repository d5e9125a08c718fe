package dev.fakemail.core.internal.mailbox;

/** A mailbox operation that cannot be done (no such folder, name taken); the text is for the client. */
public final class MailboxException extends Exception {
  public MailboxException(String message) {
    super(message, null, false, false);
  }
}
