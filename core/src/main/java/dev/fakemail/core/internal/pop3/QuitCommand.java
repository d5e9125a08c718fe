package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** QUIT (RFC 1939 §4, §6): in TRANSACTION, the UPDATE state removes the messages marked deleted. */
final class QuitCommand extends BasicCommand<Pop3State> implements Pop3Command {
  QuitCommand() {
    super(Pop3State.ANY, "QUIT");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    s.quit(true);
    if (s.state() == Pop3State.TRANSACTION) {
      int removed = s.commit();
      s.close(); // the maildrop lock goes before the reply, so the client may log in again at once
      return Pop3Reply.ok("Bye, " + removed + " messages deleted");
    }
    return Pop3Reply.ok("Bye");
  }
}
