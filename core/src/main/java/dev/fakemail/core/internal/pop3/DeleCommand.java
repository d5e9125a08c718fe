package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** DELE msg (RFC 1939 §5): marks the message; it is removed at QUIT only. */
final class DeleCommand extends BasicCommand<Pop3State> implements Pop3Command {
  DeleCommand() {
    super(Pop3State.TRANSACTION_ONLY, "DELE");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    if (args.isBlank()) {
      return Pop3Reply.syntax("DELE msg");
    }
    try {
      s.delete(args);
      return Pop3Reply.ok("Message " + args.trim() + " deleted");
    } catch (Pop3Exception e) {
      return e.reply();
    }
  }
}
