package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;

/**
 * DATA (RFC 5321 §4.1.1.4): 354, then the message through {@code CRLF.CRLF} with dot transparency
 * (§4.5.2). Only {@code CRLF.CRLF} ends it; bare LF or CR sequences are kept as content.
 */
final class DataCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  DataCommand() {
    super(SmtpState.IN_TRANSACTION, "DATA");
    blocking();
  }

  static final SmtpReply START = SmtpReply.of(354, "", "Start mail input; end with <CRLF>.<CRLF>");

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws IOException, SmtpException {
    boolean cut = false;
    SmtpReply refused;
    try {
      refused = begin(s, args);
    } catch (dev.fakemail.core.internal.fault.FaultDisconnect e) {
      refused = null;
      cut = true;
    }
    if (refused != null) {
      return refused;
    }
    s.exchange().send(START);
    if (cut) { // the transfer starts, and the connection drops in the middle of it
      s.exchange().readLine(SmtpConfig.MAX_AUTH_LINE);
      s.reset();
      throw new dev.fakemail.core.internal.fault.FaultDisconnect("at DATA");
    }
    BoundedBuffer body = new BoundedBuffer(s.config().maxMessageSize(), s.config().account());
    try {
      // The exchange writes at most max octets into the buffer; the size it returns is the whole message.
      long size = s.exchange().readData(body, s.config().maxMessageSize());
      return finish(s, s.transaction(), body, size);
    } finally {
      body.release();
    }
  }

  /**
   * The checks before 354: null when the data may come, else the refusal.
   *
   * @throws dev.fakemail.core.internal.fault.FaultDisconnect when a fault rule cuts the transfer
   */
  static SmtpReply begin(SmtpSession s, String args) throws IOException, SmtpException {
    if (!args.isBlank()) {
      return SmtpReply.syntax("DATA");
    }
    SmtpSession.Transaction t = s.transaction();
    if (t.chunking) {
      return SmtpReply.BAD_SEQUENCE;
    }
    if (t.recipients.isEmpty()) {
      return SmtpReply.NO_VALID_RECIPIENTS;
    }
    try {
      s.fault(dev.fakemail.core.Fault.Stage.DATA, t.to(), null);
    } catch (SmtpException e) {
      s.reset();
      throw e;
    }
    return null;
  }

  /** After the data: the transcript line, then size check, store and reply. */
  static SmtpReply finish(SmtpSession s, SmtpSession.Transaction t, BoundedBuffer body, long size) throws IOException {
    s.log().client("<" + size + " octets of data>");
    return MessageAcceptance.accept(s, t, body, size);
  }
}
