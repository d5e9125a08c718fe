package dev.fakemail.core.internal.imap;

/** Carries a NO or BAD completion out of deep code (parsing, lookups); stackless. */
final class ImapException extends Exception {
  private final transient ImapResult result;

  ImapException(ImapResult result) {
    super(result.text(), null, false, false);
    this.result = result;
  }

  static ImapException bad(String text) {
    return new ImapException(ImapResult.bad(text));
  }

  static ImapException no(String text) {
    return new ImapException(ImapResult.no(text));
  }

  ImapResult result() {
    return result;
  }
}
