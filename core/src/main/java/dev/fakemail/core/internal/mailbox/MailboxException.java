package dev.fakemail.core.internal.mailbox;

/** A mailbox operation that cannot be done; the text is for the client, the reason for the protocol's code. */
public final class MailboxException extends Exception {
  /** Why it failed. */
  public enum Reason { NONEXISTENT, ALREADY_EXISTS, CANNOT, /** a count cap (RFC 5530 LIMIT) */ LIMIT,
    /** the memory budget (RFC 5530 OVERQUOTA) */ OVERQUOTA }

  private final Reason reason;

  public MailboxException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
