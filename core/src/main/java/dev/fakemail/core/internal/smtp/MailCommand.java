package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.Map;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with the parameters of SIZE (RFC 1870), 8BITMIME (RFC 6152),
 * SMTPUTF8 (RFC 6531), DSN (RFC 3461: RET, ENVID) and AUTH (RFC 4954 §5).
 */
final class MailCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  MailCommand() {
    super(SmtpState.READY_ONLY, "MAIL");
  }

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws SmtpException, java.io.IOException {
    if (s.config().authRequiredOn(s.exchange().listener()) && !s.authenticated()) {
      return SmtpReply.AUTH_REQUIRED;
    }
    SmtpPath path = SmtpPath.parse(args, "FROM", true);
    Map<String, String> params = path.parameters();
    for (Map.Entry<String, String> p : params.entrySet()) {
      String v = p.getValue();
      switch (p.getKey()) {
        case "SIZE" -> {
          long size;
          try {
            size = Long.parseLong(v);
          } catch (NumberFormatException e) {
            return SmtpReply.syntax("SIZE=<octets>");
          }
          if (size < 0) {
            return SmtpReply.syntax("SIZE=<octets>");
          }
          if (size > s.config().maxMessageSize()) {
            return SmtpReply.MESSAGE_TOO_BIG;
          }
        }
        case "BODY" -> {
          if (!v.equalsIgnoreCase("7BIT") && !v.equalsIgnoreCase("8BITMIME")) {
            return SmtpReply.of(555, "5.5.4", "BODY must be 7BIT or 8BITMIME");
          }
        }
        case "SMTPUTF8" -> {
          if (!v.isEmpty()) {
            return SmtpReply.of(555, "5.5.4", "SMTPUTF8 takes no value");
          }
        }
        case "RET" -> {
          if (!v.equalsIgnoreCase("FULL") && !v.equalsIgnoreCase("HDRS")) {
            return SmtpReply.of(501, "5.5.4", "RET must be FULL or HDRS");
          }
        }
        case "ENVID", "AUTH" -> {
          if (v.isEmpty()) {
            return SmtpReply.syntax(p.getKey() + "=<xtext>");
          }
        }
        default -> {
          return SmtpReply.UNKNOWN_PARAMETER;
        }
      }
    }
    if (!SmtpPath.isAscii(path.address()) && !params.containsKey("SMTPUTF8")) {
      return SmtpReply.NON_ASCII_ADDRESS;
    }
    if (s.config().senderCheck() && s.authenticated() && s.exchange().listener() != dev.fakemail.core.Listener.SMTP
        && !s.config().accounts().mayUseSender(s.authUser(), path.address())) {
      return SmtpReply.of(553, "5.7.1", "Sender address <" + path.address() + "> not owned by user " + s.authUser());
    }
    s.begin(new SmtpSession.Transaction(path.address(), params));
    try {
      s.fault(dev.fakemail.core.Fault.Stage.MAIL);
    } catch (SmtpException e) {
      s.reset();
      throw e;
    }
    return SmtpReply.of(250, "2.1.0", "Sender <" + path.address() + "> ok");
  }
}
