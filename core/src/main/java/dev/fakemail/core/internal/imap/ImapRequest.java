package dev.fakemail.core.internal.imap;

/**
 * One parsed command: its tag, its name (upper case; {@code FETCH} for {@code UID FETCH}, with
 * {@code uid} set) and its arguments, still to be read by the command that knows their grammar.
 */
record ImapRequest(String tag, String name, boolean uid, ImapArgs args) {
  /** The name as logged and as used in completions: {@code UID FETCH}. */
  String fullName() {
    return uid ? "UID " + name : name;
  }
}
