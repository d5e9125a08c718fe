package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** USER name (RFC 1939 §7): remembers the name for PASS. */
final class UserCommand implements Pop3Command {
  @Override public String verb() { return "USER"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.AUTHORIZATION); }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    String name = args.trim();
    if (name.isEmpty() || name.contains(" ")) {
      return Pop3Reply.syntax("USER name");
    }
    s.pendingUser(name);
    return Pop3Reply.ok("Send PASS");
  }
}
