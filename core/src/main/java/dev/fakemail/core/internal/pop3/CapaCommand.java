package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.ArrayList;
import java.util.List;

/** CAPA (RFC 2449 §5). STLS is offered only before TLS and before login. */
final class CapaCommand extends BasicCommand<Pop3State> implements Pop3Command {
  CapaCommand() {
    super(Pop3State.ANY, "CAPA");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    List<String> caps = new ArrayList<>(List.of("TOP", "UIDL", "USER", "RESP-CODES", "AUTH-RESP-CODE",
        "PIPELINING", "EXPIRE NEVER", "SASL PLAIN"));
    if (s.state() == Pop3State.AUTHORIZATION && !s.exchange().isTls() && s.exchange().tlsAvailable()) {
      caps.add("STLS");
    }
    caps.add("IMPLEMENTATION fakemail");
    return Pop3Reply.ok("Capability list follows", caps);
  }
}
