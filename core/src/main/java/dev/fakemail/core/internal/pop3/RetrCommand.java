package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;

/** RETR msg (RFC 1939 §5): the whole message, byte-stuffed by the server. */
final class RetrCommand extends BasicCommand<Pop3State> implements Pop3Command {
  RetrCommand() {
    super(Pop3State.TRANSACTION_ONLY, "RETR");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) throws java.io.IOException {
    Pop3Reply fault = s.retrFault();
    if (fault != null) {
      return fault;
    }
    if (args.isBlank()) {
      return Pop3Reply.syntax("RETR msg");
    }
    try {
      FolderMessage m = s.message(args);
      return new Pop3Reply(true, m.content().size() + " octets", out -> m.content().writeTo(out));
    } catch (Pop3Exception e) {
      return e.reply();
    }
  }
}
