package dev.fakemail.core.internal.pop3;

import java.util.Set;

/** DELE msg (RFC 1939 §5): marks the message; it is removed at QUIT only. */
final class DeleCommand implements Pop3Command {
  @Override public String verb() { return "DELE"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

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
