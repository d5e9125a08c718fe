package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.Optional;

/** SELECT and EXAMINE (RFC 3501 §6.3.1, §6.3.2). A failed SELECT leaves no folder selected. */
final class SelectCommand extends BasicCommand<ImapState> implements ImapCommand {
  SelectCommand() {
    super(ImapState.LOGGED_IN, "SELECT", "EXAMINE");
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    String name = a.mailbox();
    if (a.tryChar(' ')) { // select parameters (RFC 4466): none supported, but a list is read
      a.expect('(');
      a.readUntil(')');
      a.expect(')');
    }
    a.end();
    s.unselect();
    Optional<Folder> folder = s.mailbox().folder(name);
    if (folder.isEmpty()) {
      return ImapResult.NO_SUCH_MAILBOX;
    }
    if (folder.get().noselect()) {
      return ImapResult.NOSELECT;
    }
    boolean readOnly = r.name().equals("EXAMINE");
    SelectedFolder sel = new SelectedFolder(folder.get(), readOnly, s);
    s.select(sel);
    sel.announceFlags();
    s.untagged(sel.size() + " EXISTS");
    s.untagged(sel.recentCount() + " RECENT");
    int unseen = sel.firstUnseen();
    if (unseen > 0) {
      s.untagged("OK [UNSEEN " + unseen + "] First unseen");
    }
    s.untagged("OK [UIDVALIDITY " + folder.get().uidValidity() + "] UIDs valid");
    s.untagged("OK [UIDNEXT " + folder.get().uidNext() + "] Predicted next UID");
    return ImapResult.ok(readOnly ? "READ-ONLY" : "READ-WRITE", r.name() + " completed");
  }
}
