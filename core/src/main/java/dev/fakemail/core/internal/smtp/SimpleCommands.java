package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.protocol.BasicCommand;

/** The commands with no state of their own: RSET, NOOP, VRFY, EXPN, HELP, QUIT. */
final class SimpleCommands {
  private SimpleCommands() {}

  /** RSET (RFC 5321 §4.1.1.5): clears the transaction only. */
  static final class RsetCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    RsetCommand() {
      super(SmtpState.ANY, "RSET");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      if (!args.isBlank()) {
        return SmtpReply.syntax("RSET");
      }
      s.reset();
      return SmtpReply.OK;
    }
  }

  /** NOOP (RFC 5321 §4.1.1.9). */
  static final class NoopCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    NoopCommand() {
      super(SmtpState.ANY, "NOOP");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.OK;
    }
  }

  /** VRFY (RFC 5321 §3.5.3): 252, as a server that won't tell but will accept. */
  static final class VrfyCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    VrfyCommand() {
      super(SmtpState.ANY, "VRFY");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      if (args.isBlank()) {
        return SmtpReply.syntax("VRFY user");
      }
      return SmtpReply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
    }
  }

  /** EXPN (RFC 5321 §3.5.3): mailing lists are not expanded. */
  static final class ExpnCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    ExpnCommand() {
      super(SmtpState.ANY, "EXPN");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.NOT_IMPLEMENTED;
    }
  }

  /** HELP (RFC 5321 §4.1.1.8). */
  static final class HelpCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    HelpCommand() {
      super(SmtpState.ANY, "HELP");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.of(214, "2.0.0", "fakemail: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT STARTTLS AUTH");
    }
  }

  /** QUIT (RFC 5321 §4.1.1.10). */
  static final class QuitCommand extends BasicCommand<SmtpState> implements SmtpCommand {
    QuitCommand() {
      super(SmtpState.ANY, "QUIT");
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      s.quitRequested();
      return SmtpReply.BYE;
    }
  }
}
