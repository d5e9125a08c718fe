package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** RSET (RFC 1939 §5): clears the deletion marks. */
final class RsetCommand extends BasicCommand<Pop3State> implements Pop3Command {
  RsetCommand() {
    super(Pop3State.TRANSACTION_ONLY, "RSET");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    s.resetDeletions();
    return Pop3Reply.ok("Maildrop has " + s.count() + " messages (" + s.octets(false) + " octets)");
  }
}
