package dev.fakemail.core.internal.smtp;

import java.io.IOException;
import java.util.Set;

/** One SMTP verb. Returns its final reply; never writes to the socket except through the exchange. */
public interface SmtpCommand {
  String verb();

  /** The states in which the command is valid; elsewhere the server answers 503 before running it. */
  Set<SmtpState> validIn();

  SmtpReply execute(SmtpSession session, String args) throws IOException, SmtpException;
}
