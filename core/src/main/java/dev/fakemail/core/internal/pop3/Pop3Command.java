package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.protocol.ProtocolCommand;
import java.io.IOException;

/**
 * One POP3 command ({@link ProtocolCommand}: verbs, states as {@link Pop3State} constants, whether it
 * blocks). Returns its reply as a value; never writes to the socket itself. The server answers
 * {@code -ERR} without running it in a state not in {@link #validIn()}.
 */
interface Pop3Command extends ProtocolCommand<Pop3State> {
  Pop3Reply execute(Pop3Session session, String args) throws IOException;
}
