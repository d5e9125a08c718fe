package dev.fakemail.core.internal.pop3;

import java.io.IOException;
import java.util.Set;

/** STLS (RFC 2595 §4): TLS in place; plaintext pipelined behind the command is discarded. */
final class StlsCommand implements Pop3Command {
  static final Pop3Reply READY = Pop3Reply.ok("Begin TLS negotiation");

  @Override public String verb() { return "STLS"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.AUTHORIZATION); }

  /** Returns null: the reply went out before the handshake. */
  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws IOException {
    if (!args.isBlank()) {
      return Pop3Reply.syntax("STLS");
    }
    if (s.exchange().isTls()) {
      return Pop3Reply.err("TLS already active");
    }
    if (!s.exchange().tlsAvailable()) {
      return Pop3Reply.err("TLS not available");
    }
    s.exchange().startTls(READY);
    s.pendingUser(null);
    return null;
  }
}
