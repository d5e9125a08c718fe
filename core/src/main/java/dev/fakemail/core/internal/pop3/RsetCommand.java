package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** RSET (RFC 1939 §5): clears the deletion marks. */
final class RsetCommand implements Pop3Command {
  @Override public String verb() { return "RSET"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    s.resetDeletions();
    return Pop3Reply.ok("Maildrop has " + s.count() + " messages (" + s.octets(false) + " octets)");
  }
}
