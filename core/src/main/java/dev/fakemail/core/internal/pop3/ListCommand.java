package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.ArrayList;
import java.util.List;

/** LIST [msg] (RFC 1939 §5): sizes, equal to the octets of the message RETR sends (before stuffing). */
final class ListCommand extends BasicCommand<Pop3State> implements Pop3Command {
  ListCommand() {
    super(Pop3State.TRANSACTION_ONLY, "LIST");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    if (!args.isBlank()) {
      try {
        FolderMessage m = s.message(args);
        return Pop3Reply.ok(args.trim() + " " + m.content().size());
      } catch (Pop3Exception e) {
        return e.reply();
      }
    }
    List<String> lines = new ArrayList<>();
    for (int n = 1; n <= s.count(); n++) {
      FolderMessage m = s.at(n);
      if (m != null) {
        lines.add(n + " " + m.content().size());
      }
    }
    return Pop3Reply.ok(s.undeletedCount() + " messages (" + s.octets(true) + " octets)", lines);
  }
}
