package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** NOOP (RFC 1939 §5). */
final class NoopCommand implements Pop3Command {
  @Override public String verb() { return "NOOP"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    return Pop3Reply.ok("");
  }
}
