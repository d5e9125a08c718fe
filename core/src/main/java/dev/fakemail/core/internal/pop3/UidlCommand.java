package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.util.ArrayList;
import java.util.List;

/** UIDL [msg] (RFC 1939 §7): unique ids that stay the same across sessions. */
final class UidlCommand extends BasicCommand<Pop3State> implements Pop3Command {
  UidlCommand() {
    super(Pop3State.TRANSACTION_ONLY, "UIDL");
  }

  @Override
  public Pop3Reply execute(Pop3Session s, String args) {
    if (!args.isBlank()) {
      try {
        return Pop3Reply.ok(args.trim() + " " + s.uidl(s.message(args)));
      } catch (Pop3Exception e) {
        return e.reply();
      }
    }
    List<String> lines = new ArrayList<>();
    for (int n = 1; n <= s.count(); n++) {
      FolderMessage m = s.at(n);
      if (m != null) {
        lines.add(n + " " + s.uidl(m));
      }
    }
    return Pop3Reply.ok("Unique ids follow", lines);
  }
}
