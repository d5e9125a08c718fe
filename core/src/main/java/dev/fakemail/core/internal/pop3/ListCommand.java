package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LIST [msg] (RFC 1939 §5): sizes, equal to the octets of the message RETR sends (before stuffing). */
final class ListCommand implements Pop3Command {
  @Override public String verb() { return "LIST"; }

  @Override public Set<Pop3State> validIn() { return Set.of(Pop3State.TRANSACTION); }

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
