package dev.fakemail.core.internal.smtp;

import java.util.Set;

/** The commands with no state of their own: RSET, NOOP, VRFY, EXPN, HELP, QUIT. */
final class SimpleCommands {
  private SimpleCommands() {}

  /** RSET (RFC 5321 §4.1.1.5): clears the transaction only. */
  static final class RsetCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "RSET";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
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
  static final class NoopCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "NOOP";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.OK;
    }
  }

  /** VRFY (RFC 5321 §3.5.3): 252, as a server that won't tell but will accept. */
  static final class VrfyCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "VRFY";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
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
  static final class ExpnCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "EXPN";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.NOT_IMPLEMENTED;
    }
  }

  /** HELP (RFC 5321 §4.1.1.8). */
  static final class HelpCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "HELP";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      return SmtpReply.of(214, "2.0.0", "fakemail: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP VRFY HELP QUIT STARTTLS AUTH");
    }
  }

  /** QUIT (RFC 5321 §4.1.1.10). */
  static final class QuitCommand implements SmtpCommand {
    @Override
    public String verb() {
      return "QUIT";
    }

    @Override
    public Set<SmtpState> validIn() {
      return SmtpState.ANY;
    }

    @Override
    public SmtpReply execute(SmtpSession s, String args) {
      s.quitRequested();
      return SmtpReply.BYE;
    }
  }
}
