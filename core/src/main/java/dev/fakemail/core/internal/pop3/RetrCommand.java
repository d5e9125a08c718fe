package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.util.Set;

/** RETR msg (RFC 1939 §5): the whole message, byte-stuffed by the server. */
final class RetrCommand implements Pop3Command {
  @Override public String verb() { return "RETR"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

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
