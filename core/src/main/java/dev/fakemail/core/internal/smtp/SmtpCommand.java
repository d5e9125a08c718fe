package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.ProtocolCommand;
import java.io.IOException;

/**
 * One SMTP verb ({@link ProtocolCommand}: verbs, states as {@link SmtpState} constants, whether it
 * blocks). Returns its final reply; never writes to the socket except through the exchange. The
 * server answers 503 (or 5.5.1 before EHLO) without running it in a state not in {@link #validIn()}.
 */
public interface SmtpCommand extends ProtocolCommand<SmtpState> {
  SmtpReply execute(SmtpSession session, String args) throws IOException, SmtpException;
}
