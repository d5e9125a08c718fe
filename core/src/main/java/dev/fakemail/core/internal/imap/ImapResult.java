package dev.fakemail.core.internal.imap;

/**
 * The tagged completion of a command (RFC 3501 §7.1): status, an optional response code such as
 * {@code APPENDUID 3 7} (without brackets), and text.
 */
record ImapResult(Status status, String code, String text) {
  enum Status { OK, NO, BAD }

  static final ImapResult BAD_STATE = bad("Command not valid in this state");
  static final ImapResult UNKNOWN = bad("Unknown command");
  static final ImapResult AUTH_FAILED = new ImapResult(Status.NO, "AUTHENTICATIONFAILED", "Invalid credentials");
  static final ImapResult READ_ONLY = no("Mailbox is read-only");
  static final ImapResult NO_SUCH_MAILBOX = new ImapResult(Status.NO, "NONEXISTENT", "No such mailbox");
  static final ImapResult TRYCREATE = new ImapResult(Status.NO, "TRYCREATE", "No such mailbox");

  static final ImapResult OVERQUOTA = new ImapResult(Status.NO, "OVERQUOTA", "The server's memory budget is full; nothing was appended");
  static final ImapResult TOO_MANY_KEYWORDS = new ImapResult(Status.NO, "LIMIT",
      "Too many distinct keywords in this mailbox (at most " + dev.fakemail.core.internal.mailbox.Folder.MAX_KEYWORDS + ")");

  static final ImapResult NOSELECT = no("Mailbox is \\Noselect: it only holds other mailboxes");

  static ImapResult ok(String text) {
    return new ImapResult(Status.OK, null, text);
  }

  static ImapResult ok(String code, String text) {
    return new ImapResult(Status.OK, code, text);
  }

  static ImapResult no(String text) {
    return new ImapResult(Status.NO, null, text);
  }

  static ImapResult bad(String text) {
    return new ImapResult(Status.BAD, null, text);
  }

  /** The line as sent after the tag. */
  String toWire() {
    return status + (code == null ? "" : " [" + code + "]") + " " + text;
  }
}
