package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** PASS string (RFC 1939 §7): logs in as the user named by USER; the password may hold spaces. */
final class PassCommand implements Pop3Command {
  @Override public String verb() { return "PASS"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.AUTHORIZATION); }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws java.io.IOException {
    if (s.pendingUser() == null) {
      return Pop3Reply.err("Send USER first");
    }
    return s.login(s.pendingUser(), args);
  }
}
