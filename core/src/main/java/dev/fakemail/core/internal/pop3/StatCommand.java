package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** STAT (RFC 1939 §5): count and octets of the messages not marked deleted. */
final class StatCommand extends BasicCommand<Pop3State> implements Pop3Command {
  StatCommand() {
    super(Pop3State.TRANSACTION_ONLY, "STAT");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    if (!args.isBlank()) {
      return Pop3Reply.syntax("STAT");
    }
    return Pop3Reply.ok(s.undeletedCount() + " " + s.octets(true));
  }
}
