package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** CHECK, CLOSE, UNSELECT and EXPUNGE (RFC 3501 §6.4.1-3, RFC 3691, RFC 4315 UID EXPUNGE). */
final class SelectedCommands {
  private SelectedCommands() {}

  /** CHECK (RFC 3501 §6.4.1): nothing to do in memory. */
  static final class Check extends BasicCommand<ImapState> implements ImapCommand {
    Check() {
      super(ImapState.SELECTED_ONLY, "CHECK");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      r.args().end();
      return ImapResult.ok("CHECK completed");
    }
  }

  /** CLOSE (RFC 3501 §6.4.2): expunges silently (unless read-only), then unselects. */
  static final class Close extends BasicCommand<ImapState> implements ImapCommand {
    Close() {
      super(ImapState.SELECTED_ONLY, "CLOSE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      r.args().end();
      SelectedFolder sel = s.selected();
      s.unselect();
      if (!sel.readOnly()) {
        sel.folder().expunge(null);
      }
      return ImapResult.ok("CLOSE completed");
    }
  }

  /** UNSELECT (RFC 3691): unselects without expunging. */
  static final class Unselect extends BasicCommand<ImapState> implements ImapCommand {
    Unselect() {
      super(ImapState.SELECTED_ONLY, "UNSELECT");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      r.args().end();
      s.unselect();
      return ImapResult.ok("UNSELECT completed");
    }
  }

  /** EXPUNGE and UID EXPUNGE set (RFC 3501 §6.4.3, RFC 4315 §2.1). */
  static final class Expunge extends BasicCommand<ImapState> implements ImapCommand {
    Expunge() {
      super(ImapState.SELECTED_ONLY, "EXPUNGE", "UID EXPUNGE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      SelectedFolder sel = s.selected();
      List<FolderMessage> only = null;
      if (r.uid()) {
        only = SequenceSet.parse(r.args().word()).resolve(sel, true);
      }
      r.args().end();
      if (sel.readOnly()) {
        return ImapResult.READ_ONLY;
      }
      sel.folder().expunge(only);
      return ImapResult.ok("EXPUNGE completed");
    }
  }
}
