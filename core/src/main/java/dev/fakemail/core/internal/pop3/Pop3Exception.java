package dev.fakemail.core.internal.pop3;

/** Carries an error reply out of deep code; stackless, as it is a reply and not a bug. */
final class Pop3Exception extends Exception {
  private final transient Pop3Reply reply;

  Pop3Exception(Pop3Reply reply) {
    super(reply.text(), null, false, false);
    this.reply = reply;
  }

  Pop3Reply reply() {
    return reply;
  }
}
