package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** STAT (RFC 1939 §5): count and octets of the messages not marked deleted. */
final class StatCommand implements Pop3Command {
  @Override public String verb() { return "STAT"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    if (!args.isBlank()) {
      return Pop3Reply.syntax("STAT");
    }
    return Pop3Reply.ok(s.undeletedCount() + " " + s.octets(true));
  }
}
