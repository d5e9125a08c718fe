package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;

/**
 * STARTTLS (RFC 3207): 220, the handshake, and a fresh start. Plaintext pipelined behind the
 * command is discarded (§4.2 and the STARTTLS command-injection lesson), never run after TLS.
 */
final class StartTlsCommand extends BasicCommand<SmtpState> implements SmtpCommand {
  StartTlsCommand() {
    super(SmtpState.READY_ONLY, "STARTTLS");
    blocking();
  }

  static final SmtpReply READY = SmtpReply.of(220, "2.0.0", "Ready to start TLS");

  /** Returns null: the reply was sent before the handshake, and nothing follows it. */
  @Override
  public SmtpReply execute(SmtpSession s, String args) throws IOException, SmtpException {
    if (!args.isBlank()) {
      return SmtpReply.syntax("STARTTLS");
    }
    if (s.exchange().isTls()) {
      return SmtpReply.TLS_ALREADY_ACTIVE;
    }
    if (!s.exchange().tlsAvailable()) {
      return SmtpReply.TLS_NOT_AVAILABLE;
    }
    if (s.fault(dev.fakemail.core.Fault.Stage.STARTTLS).isPresent()) { // TLS_FAIL: agree, then drop the handshake
      s.exchange().send(READY);
      throw new dev.fakemail.core.internal.fault.FaultDisconnect("TLS handshake aborted");
    }
    int discarded = s.exchange().startTls(READY);
    if (discarded > 0) {
      s.log().server("[" + discarded + " octets pipelined behind STARTTLS discarded]");
    }
    s.tlsStarted();
    return null;
  }
}
