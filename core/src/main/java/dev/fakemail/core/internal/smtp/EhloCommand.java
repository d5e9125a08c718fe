package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.ArrayList;
import java.util.List;

/** EHLO (RFC 5321 §4.1.1.1): greets, resets any transaction and lists the extensions. */
final class EhloCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  EhloCommand() {
    super(SmtpState.ANY, "EHLO");
  }

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws SmtpException, java.io.IOException {
    String name = args.trim();
    if (name.isEmpty() || name.contains(" ")) {
      return SmtpReply.syntax("EHLO domain");
    }
    s.fault(dev.fakemail.core.Fault.Stage.EHLO);
    s.greeted(name, true);
    SmtpExchange x = s.exchange();
    List<String> lines = new ArrayList<>();
    lines.add(s.config().hostname() + " Hello " + name + " [" + x.clientAddress() + "]");
    lines.add("PIPELINING");
    lines.add("SIZE " + s.config().maxMessageSize());
    lines.add("8BITMIME");
    lines.add("SMTPUTF8");
    lines.add("ENHANCEDSTATUSCODES");
    if (x.tlsAvailable() && !x.isTls()) {
      lines.add("STARTTLS");
    }
    lines.add("AUTH PLAIN LOGIN CRAM-MD5");
    lines.add("DSN");
    lines.add("CHUNKING");
    lines.add("HELP");
    return new SmtpReply(250, "", lines);
  }
}
