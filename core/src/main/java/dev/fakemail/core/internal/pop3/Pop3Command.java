package dev.fakemail.core.internal.pop3;

import java.io.IOException;
import java.util.Set;

/** One POP3 command. Returns its reply as a value; never writes to the socket itself. */
interface Pop3Command {
  String verb();

  /** The states the command is valid in; elsewhere the server answers {@code -ERR} without running it. */
  Set<Pop3State> validIn();

  Pop3Reply execute(Pop3Session session, String args) throws IOException;
}
