package dev.fakemail.core.internal.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** EHLO (RFC 5321 §4.1.1.1): greets, resets any transaction and lists the extensions. */
final class EhloCommand implements SmtpCommand {
  @Override
  public String verb() {
    return "EHLO";
  }

  @Override
  public Set<SmtpState> validIn() {
    return SmtpState.ANY;
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
