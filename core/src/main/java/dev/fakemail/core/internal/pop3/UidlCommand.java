package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** UIDL [msg] (RFC 1939 §7): unique ids that stay the same across sessions. */
final class UidlCommand implements Pop3Command {
  @Override public String verb() { return "UIDL"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

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
