package dev.fakemail.core.internal.protocol;

import java.util.Set;

/**
 * What every command of every protocol declares, whatever its protocol: the verbs it answers, the
 * states it is valid in (a constant of the protocol's state enum, such as {@code SmtpState.GREETED}),
 * and whether it blocks. Each protocol's command interface ({@code SmtpCommand}, {@code Pop3Command},
 * {@code ImapCommand}) extends this with its one method, {@code execute(session, args)}, which returns
 * the reply as a value and reaches the wire only through the session's exchange.
 *
 * @param <S> the protocol's state enum
 */
public interface ProtocolCommand<S extends Enum<S>> {
  /**
   * The verbs this command answers, upper case: one for most; a pair sharing a grammar (SELECT and
   * EXAMINE); an IMAP command usable with the UID prefix also lists {@code "UID FETCH"}.
   */
  Set<String> verbs();

  /** The states in which the command is valid; in others the server refuses it without running it. */
  Set<S> validIn();

  /**
   * Whether the command may wait (for the client between its replies, a TLS handshake, a literal that
   * follows it): such a command must not run on an event loop, and a session there moves to a thread.
   */
  boolean blocks();

  /** The command's verb when it has one; the first of {@link #verbs()} otherwise. */
  default String verb() {
    return verbs().iterator().next();
  }
}
