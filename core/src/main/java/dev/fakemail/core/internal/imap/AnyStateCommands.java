package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The small commands: CAPABILITY, NOOP, LOGOUT (RFC 3501 §6.1), ID (RFC 2971), ENABLE (RFC 5161), NAMESPACE (RFC 2342). */
final class AnyStateCommands {
  private AnyStateCommands() {}

  /** CAPABILITY (RFC 3501 §6.1.1). */
  static final class Capability extends BasicCommand<ImapState> implements ImapCommand {
    Capability() {
      super(ImapState.ANY, "CAPABILITY");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      r.args().end();
      s.untagged("CAPABILITY " + s.capabilities());
      return ImapResult.ok("CAPABILITY completed");
    }
  }

  /** NOOP (RFC 3501 §6.1.2): the server sends the pending updates. */
  static final class Noop extends BasicCommand<ImapState> implements ImapCommand {
    Noop() {
      super(ImapState.ANY, "NOOP");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws ImapException {
      r.args().end();
      return ImapResult.ok("NOOP completed");
    }
  }

  /** LOGOUT (RFC 3501 §6.1.3). */
  static final class Logout extends BasicCommand<ImapState> implements ImapCommand {
    Logout() {
      super(ImapState.ANY, "LOGOUT");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      r.args().end();
      s.untagged("BYE fakemail logging out");
      s.unselect();
      s.state(ImapState.LOGOUT);
      return ImapResult.ok("LOGOUT completed");
    }
  }

  /** ID (RFC 2971): the client's parameters are read and ignored; the server names itself. */
  static final class Id extends BasicCommand<ImapState> implements ImapCommand {
    Id() {
      super(ImapState.ANY, "ID");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      ImapArgs a = r.args();
      if (a.tryChar('(')) {
        while (!a.tryChar(')')) {
          if (a.atEnd()) {
            throw ImapException.bad("Unterminated ID list");
          }
          if (!a.tryChar(' ')) {
            a.stringOrAtom();
          }
        }
      } else {
        String nil = a.atom();
        if (!nil.equalsIgnoreCase("NIL")) {
          throw ImapException.bad("Syntax: ID (field value ...) or ID NIL");
        }
      }
      a.end();
      s.untagged("ID (\"name\" \"fakemail\" \"vendor\" \"fakemail\")");
      return ImapResult.ok("ID completed");
    }
  }

  /**
   * ENABLE (RFC 5161): UTF8=ACCEPT (RFC 6855) is the one extension here that needs enabling; others
   * asked for are left out of the ENABLED response.
   */
  static final class Enable extends BasicCommand<ImapState> implements ImapCommand {
    Enable() {
      super(ImapState.LOGGED_IN, "ENABLE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      ImapArgs a = r.args();
      List<String> asked = new ArrayList<>();
      while (!a.atEnd()) {
        asked.add(a.atom());
        a.tryChar(' ');
      }
      if (asked.isEmpty()) {
        throw ImapException.bad("Syntax: ENABLE capability ...");
      }
      StringBuilder enabled = new StringBuilder("ENABLED");
      for (String c : asked) {
        if (c.equalsIgnoreCase("UTF8=ACCEPT")) {
          if (!s.utf8()) {
            enabled.append(" UTF8=ACCEPT"); // RFC 5161 §3.1: only what this command newly enabled
          }
          s.enableUtf8();
        }
      }
      s.untagged(enabled.toString());
      return ImapResult.ok("ENABLE completed");
    }
  }

  /** NAMESPACE (RFC 2342): one personal namespace, no shared or other users' ones. */
  static final class Namespace extends BasicCommand<ImapState> implements ImapCommand {
    Namespace() {
      super(ImapState.LOGGED_IN, "NAMESPACE");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      r.args().end();
      s.untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
      return ImapResult.ok("NAMESPACE completed");
    }
  }
}
