package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.MailboxException;
import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE and STATUS (RFC 3501 §6.3), inside the user's own mailbox. */
final class MailboxCommands {
  private MailboxCommands() {}

  /** The NO for a failed mailbox operation, with its response code (RFC 5530). */
  static ImapResult result(MailboxException e) {
    return switch (e.reason()) {
      case NONEXISTENT -> ImapResult.NO_SUCH_MAILBOX;
      case ALREADY_EXISTS -> new ImapResult(ImapResult.Status.NO, "ALREADYEXISTS", e.getMessage());
      case CANNOT -> new ImapResult(ImapResult.Status.NO, "CANNOT", e.getMessage());
      case LIMIT -> new ImapResult(ImapResult.Status.NO, "LIMIT", e.getMessage());
      case OVERQUOTA -> new ImapResult(ImapResult.Status.NO, "OVERQUOTA", e.getMessage());
    };
  }

  /** CREATE (RFC 3501 §6.3.3). */
  static final class Create extends BasicCommand<ImapState> implements ImapCommand {
    Create() {
      super(ImapState.LOGGED_IN, "CREATE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      String name = r.args().mailbox();
      r.args().end();
      if (name.endsWith("/")) {
        name = name.substring(0, name.length() - 1);
      }
      try {
        s.mailbox().create(name);
      } catch (MailboxException e) {
        return result(e);
      }
      return ImapResult.ok("CREATE completed");
    }
  }

  /** DELETE (RFC 3501 §6.3.4). */
  static final class Delete extends BasicCommand<ImapState> implements ImapCommand {
    Delete() {
      super(ImapState.LOGGED_IN, "DELETE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      String name = r.args().mailbox();
      r.args().end();
      try {
        s.mailbox().delete(name);
      } catch (MailboxException e) {
        return result(e);
      }
      return ImapResult.ok("DELETE completed");
    }
  }

  /** RENAME (RFC 3501 §6.3.5). */
  static final class Rename extends BasicCommand<ImapState> implements ImapCommand {
    Rename() {
      super(ImapState.LOGGED_IN, "RENAME");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      ImapArgs a = r.args();
      String from = a.mailbox();
      a.sp();
      String to = a.mailbox();
      a.end();
      try {
        s.mailbox().rename(from, to);
      } catch (MailboxException e) {
        return result(e);
      }
      return ImapResult.ok("RENAME completed");
    }
  }

  /** SUBSCRIBE and UNSUBSCRIBE (RFC 3501 §6.3.6, §6.3.7). */
  static final class Subscribe extends BasicCommand<ImapState> implements ImapCommand {
    Subscribe() {
      super(ImapState.LOGGED_IN, "SUBSCRIBE", "UNSUBSCRIBE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      String name = r.args().mailbox();
      r.args().end();
      if (r.name().equals("UNSUBSCRIBE")) {
        s.mailbox().unsubscribe(name);
      } else {
        try {
          s.mailbox().subscribe(name);
        } catch (MailboxException e) {
          return result(e);
        }
      }
      return ImapResult.ok(r.name() + " completed");
    }
  }

  /** STATUS (RFC 3501 §6.3.10). */
  static final class Status extends BasicCommand<ImapState> implements ImapCommand {
    Status() {
      super(ImapState.LOGGED_IN, "STATUS");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      ImapArgs a = r.args();
      String name = a.mailbox();
      a.sp();
      a.expect('(');
      List<String> items = parseItems(a);
      a.end();
      Folder f = s.mailbox().folder(name).orElse(null);
      if (f == null) {
        return ImapResult.NO_SUCH_MAILBOX;
      }
      if (f.noselect()) {
        return ImapResult.NOSELECT;
      }
      s.untagged(response(f, items, s.utf8()));
      return ImapResult.ok("STATUS completed");
    }

    /** The status data items after the opening parenthesis, up to and with the closing one (BAD if unknown). */
    static List<String> parseItems(ImapArgs a) throws ImapException {
      List<String> items = new ArrayList<>();
      while (!a.tryChar(')')) {
        if (a.atEnd()) {
          throw ImapException.bad("Unterminated STATUS item list");
        }
        String item = a.atom().toUpperCase(Locale.ROOT);
        if (!ITEMS.contains(item)) {
          throw ImapException.bad("Unknown STATUS item " + item);
        }
        items.add(item);
        a.tryChar(' ');
      }
      return items;
    }

    private static final Set<String> ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN");

    /** {@code STATUS name (items)}, from the folder's kept counts (no message is visited); the name in UTF-8 if {@code utf8}. */
    static String response(Folder f, List<String> items, boolean utf8) {
      return response(f, f.name(), items, utf8);
    }

    /** The STATUS response of a folder under the name a listing snapshot gave it (it may have been renamed since). */
    static String response(Folder f, String name, List<String> items, boolean utf8) {
      List<String> out = new ArrayList<>();
      for (String item : items) {
        switch (item) {
          case "MESSAGES" -> out.add("MESSAGES " + f.size());
          case "RECENT" -> out.add("RECENT " + f.recent());
          case "UIDNEXT" -> out.add("UIDNEXT " + f.uidNext());
          case "UIDVALIDITY" -> out.add("UIDVALIDITY " + f.uidValidity());
          default -> out.add("UNSEEN " + f.unseen());
        }
      }
      return "STATUS " + ImapWire.mailbox(name, utf8) + " " + ImapWire.list(out);
    }
  }
}
