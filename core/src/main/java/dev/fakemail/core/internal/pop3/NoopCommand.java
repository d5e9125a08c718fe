package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** NOOP (RFC 1939 §5). */
final class NoopCommand extends BasicCommand<Pop3State> implements Pop3Command {
  NoopCommand() {
    super(Pop3State.TRANSACTION_ONLY, "NOOP");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    return Pop3Reply.ok("");
  }
}
