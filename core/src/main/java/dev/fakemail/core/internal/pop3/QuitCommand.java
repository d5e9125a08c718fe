package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** QUIT (RFC 1939 §4, §6): in TRANSACTION, the UPDATE state removes the messages marked deleted. */
final class QuitCommand implements Pop3Command {
  @Override public String verb() { return "QUIT"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.AUTHORIZATION, Pop3State.TRANSACTION); }

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
