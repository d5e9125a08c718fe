package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** USER name (RFC 1939 §7): remembers the name for PASS. */
final class UserCommand extends BasicCommand<Pop3State> implements Pop3Command {
  UserCommand() {
    super(Pop3State.AUTHORIZATION_ONLY, "USER");
  }

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
