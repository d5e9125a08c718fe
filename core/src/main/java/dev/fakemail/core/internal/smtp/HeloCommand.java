package dev.fakemail.core.internal.smtp;

import java.util.Set;

/** HELO (RFC 5321 §4.1.1.1): the old greeting, without extensions. */
final class HeloCommand implements SmtpCommand {
  @Override
  public String verb() {
    return "HELO";
  }

  @Override
  public Set<SmtpState> validIn() {
    return SmtpState.ANY;
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
