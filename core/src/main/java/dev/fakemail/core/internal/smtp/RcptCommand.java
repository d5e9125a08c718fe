package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.Map;

/**
 * RCPT TO (RFC 5321 §4.1.1.3) with the DSN parameters NOTIFY and ORCPT (RFC 3461 §4). In strict mode
 * a recipient outside the local domains is relayed only for an authenticated session or a client in a
 * relay network, on every listener; others get {@link SmtpReply#RELAY_DENIED} (no open relay).
 */
final class RcptCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  RcptCommand() {
    super(SmtpState.IN_TRANSACTION, "RCPT");
  }

  @Override
  public SmtpReply execute(SmtpSession s, String args) throws SmtpException, java.io.IOException {
    SmtpSession.Transaction t = s.transaction();
    if (t.chunking) {
      return SmtpReply.BAD_SEQUENCE;
    }
    SmtpPath path = SmtpPath.parse(args, "TO", false);
    for (Map.Entry<String, String> p : path.parameters().entrySet()) {
      String v = p.getValue();
      switch (p.getKey()) {
        case "NOTIFY" -> {
          if (!v.matches("(?i)NEVER|((SUCCESS|FAILURE|DELAY)(,(SUCCESS|FAILURE|DELAY))*)")) {
            return SmtpReply.of(501, "5.5.4", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
          }
        }
        case "ORCPT" -> {
          if (!v.contains(";")) {
            return SmtpReply.syntax("ORCPT=addr-type;address");
          }
        }
        default -> {
          return SmtpReply.UNKNOWN_PARAMETER;
        }
      }
    }
    if (!SmtpPath.isAscii(path.address()) && !t.fromParameters.containsKey("SMTPUTF8")) {
      return SmtpReply.NON_ASCII_ADDRESS;
    }
    if (t.recipients.size() >= s.config().maxRecipients()) {
      return SmtpReply.TOO_MANY_RECIPIENTS;
    }
    s.fault(dev.fakemail.core.Fault.Stage.RCPT, java.util.List.of(path.address()), null);
    if (mayNotRelay(s, path.address())) {
      return SmtpReply.RELAY_DENIED;
    }
    if (!s.config().accounts().acceptsRecipient(path.address())) {
      return SmtpReply.USER_UNKNOWN;
    }
    if (!s.config().recipientRoom().test(path.address())) { // a new mailbox past the cap or the memory budget
      return SmtpReply.STORAGE_FULL;
    }
    t.recipients.add(new Envelope.Recipient(path.address(), path.parameters()));
    return SmtpReply.of(250, "2.1.5", "Recipient <" + path.address() + "> ok");
  }

  private static boolean mayNotRelay(SmtpSession s, String address) {
    SmtpConfig c = s.config();
    return c.accounts().strict() && c.accounts().relayed(address) && !s.authenticated()
        && !c.inRelayNetwork(s.exchange().clientAddress());
  }
}
