package dev.fakemail.core.internal.smtp;

/** Carries a reply out of deep code (parsing, delivery); stackless, since it is an answer, not a bug. */
public final class SmtpException extends Exception {
  private final transient SmtpReply reply;

  public SmtpException(SmtpReply reply) {
    super(reply.toString(), null, false, false);
    this.reply = reply;
  }

  public SmtpReply reply() {
    return reply;
  }
}
