package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Flags;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** STORE and UID STORE set (+|-)FLAGS[.SILENT] flags (RFC 3501 §6.4.6). */
final class StoreCommand extends BasicCommand<ImapState> implements ImapCommand {
  StoreCommand() {
    super(ImapState.SELECTED_ONLY, "STORE", "UID STORE");
  }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    ImapArgs a = r.args();
    SelectedFolder sel = s.selected();
    SequenceSet set = SequenceSet.parse(a.word());
    a.sp();
    String item = a.atom().toUpperCase(Locale.ROOT);
    a.sp();
    List<String> given = a.flagList();
    a.end();
    Flags.Mode mode = item.startsWith("+") ? Flags.Mode.ADD : item.startsWith("-") ? Flags.Mode.REMOVE : Flags.Mode.REPLACE;
    String base = mode == Flags.Mode.REPLACE ? item : item.substring(1);
    boolean silent = base.endsWith(".SILENT");
    if (silent) {
      base = base.substring(0, base.length() - ".SILENT".length());
    }
    if (!base.equals("FLAGS")) {
      throw ImapException.bad("Syntax: STORE set (+|-)FLAGS[.SILENT] (flags)");
    }
    Set<String> flags = new LinkedHashSet<>();
    for (String f : given) {
      if (f.equalsIgnoreCase(Flags.RECENT)) {
        continue; // \Recent cannot be changed by a client; ignored
      }
      try {
        flags.add(Flags.canonical(f));
      } catch (IllegalArgumentException e) {
        throw ImapException.bad(e.getMessage());
      }
    }
    if (sel.readOnly()) {
      return ImapResult.READ_ONLY;
    }
    if (mode != Flags.Mode.REMOVE && !sel.folder().acceptsKeywords(flags)) {
      return ImapResult.TOO_MANY_KEYWORDS;
    }
    for (FolderMessage m : set.resolve(sel, r.uid())) {
      sel.folder().store(m, mode, flags, s);
      if (!silent) {
        int seq = sel.seqOfUid(m.uid());
        List<String> now = sel.flags(m);
        sel.announceKeywords(now);
        s.untagged(seq + " FETCH (FLAGS " + ImapWire.list(now) + (r.uid() ? " UID " + m.uid() : "") + ")");
      }
    }
    return ImapResult.ok("STORE completed");
  }
}
