package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** PASS string (RFC 1939 §7): logs in as the user named by USER; the password may hold spaces. */
final class PassCommand extends BasicCommand<Pop3State> implements Pop3Command {
  PassCommand() {
    super(Pop3State.AUTHORIZATION_ONLY, "PASS");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws java.io.IOException {
    if (s.pendingUser() == null) {
      return Pop3Reply.err("Send USER first");
    }
    return s.login(s.pendingUser(), args);
  }
}
