package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;

/** STLS (RFC 2595 §4): TLS in place; plaintext pipelined behind the command is discarded. */
final class StlsCommand extends BasicCommand<Pop3State> implements Pop3Command {
  StlsCommand() {
    super(Pop3State.AUTHORIZATION_ONLY, "STLS");
    blocking();
  }

  static final Pop3Reply READY = Pop3Reply.ok("Begin TLS negotiation");

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
