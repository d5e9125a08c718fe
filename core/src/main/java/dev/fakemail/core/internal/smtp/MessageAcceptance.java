package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.ReceivedMessage;

/** The end of a transaction, shared by DATA and BDAT: size check, store, reply with the id. */
final class MessageAcceptance {
  private MessageAcceptance() {}

  /** {@code size} is the size of the whole message as received, which may be more than the buffer kept. */
  static SmtpReply accept(SmtpSession s, SmtpSession.Transaction t, BoundedBuffer body, long size) throws java.io.IOException {
    try {
      return acceptCharged(s, t, body, size);
    } finally {
      body.release();
    }
  }

  private static SmtpReply acceptCharged(SmtpSession s, SmtpSession.Transaction t, BoundedBuffer body, long size)
      throws java.io.IOException {
    if (size > s.config().maxMessageSize() || body.overflowed() && !body.refused()) {
      s.reset();
      return SmtpReply.MESSAGE_TOO_BIG;
    }
    if (body.refused()) { // the memory budget had no room for it while it arrived
      s.reset();
      return SmtpReply.STORAGE_FULL;
    }
    try {
      s.fault(dev.fakemail.core.Fault.Stage.END_OF_DATA, t.to(), null);
    } catch (SmtpException e) {
      return e.reply();
    } finally {
      s.reset();
    }
    ReceivedMessage m;
    byte[] content = body.toByteArray();
    body.release(); // the store charges the message from here on
    try {
      m = s.delivery().deliver(t.envelope(), s.info(), content);
    } catch (SmtpException e) {
      return e.reply();
    }
    s.log().delivered(m.id());
    return SmtpReply.of(250, "2.0.0", "Ok: queued as " + m.id());
  }
}
