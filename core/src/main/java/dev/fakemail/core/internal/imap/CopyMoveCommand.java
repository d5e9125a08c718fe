package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * COPY and MOVE with their UID variants (RFC 3501 §6.4.7, RFC 6851), answered with COPYUID
 * (RFC 4315). The target is a folder of the user's own mailbox, or NO [TRYCREATE].
 */
final class CopyMoveCommand extends BasicCommand<ImapState> implements ImapCommand {
  CopyMoveCommand() {
    super(ImapState.SELECTED_ONLY, "COPY", "MOVE", "UID COPY", "UID MOVE");
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    SelectedFolder sel = s.selected();
    SequenceSet set = SequenceSet.parse(a.word());
    a.sp();
    String name = a.mailbox();
    a.end();
    Folder target = s.mailbox().folder(name).orElse(null);
    if (target == null) {
      return ImapResult.TRYCREATE;
    }
    if (target.noselect()) {
      return ImapResult.NOSELECT;
    }
    boolean move = r.name().equals("MOVE");
    if (move && sel.readOnly()) {
      return ImapResult.READ_ONLY;
    }
    List<FolderMessage> source = set.resolve(sel, r.uid());
    java.util.Set<String> carried = new java.util.HashSet<>();
    for (FolderMessage m : source) {
      carried.addAll(m.flags());
    }
    if (!target.acceptsKeywords(carried)) {
      return ImapResult.TOO_MANY_KEYWORDS;
    }
    long charge = 0;
    for (FolderMessage m : source) {
      charge += m.expunged() ? 0 : Folder.charge(m.content());
    }
    if (!s.config().mailboxes().account().tryCharge(charge)) {
      return ImapResult.OVERQUOTA;
    }
    List<Long> from = new ArrayList<>();
    List<Long> to = new ArrayList<>();
    for (FolderMessage m : source) {
      if (m.expunged()) {
        continue;
      }
      from.add(m.uid());
      to.add(target.addCharged(m.content(), m.flags()).uid());
      charge -= Folder.charge(m.content());
    }
    s.config().mailboxes().account().release(charge); // messages expunged meanwhile
    String copyUid = from.isEmpty() ? null
        : "COPYUID " + target.uidValidity() + " " + SequenceSet.format(from) + " " + SequenceSet.format(to);
    if (!move) {
      return copyUid == null ? ImapResult.ok("COPY completed, nothing copied") : ImapResult.ok(copyUid, "COPY completed");
    }
    if (copyUid != null) {
      s.untagged("OK [" + copyUid + "] Moved");
    }
    sel.folder().remove(source);
    return ImapResult.ok("MOVE completed");
  }
}
