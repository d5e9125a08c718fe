package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** HELO (RFC 5321 §4.1.1.1): the old greeting, without extensions. */
final class HeloCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  HeloCommand() {
    super(SmtpState.ANY, "HELO");
  }

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws SmtpException, java.io.IOException {
    String name = args.trim();
    if (name.isEmpty() || name.contains(" ")) {
      return SmtpReply.syntax("HELO domain");
    }
    s.fault(dev.fakemail.core.Fault.Stage.EHLO);
    s.greeted(name, false);
    return SmtpReply.of(250, "", s.config().hostname() + " Hello " + name + " [" + s.exchange().clientAddress() + "]");
  }
}
