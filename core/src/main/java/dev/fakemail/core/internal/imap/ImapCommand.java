package dev.fakemail.core.internal.imap;

import java.io.IOException;
import java.util.Set;

/**
 * One IMAP command (or a pair that share their grammar, like SELECT and EXAMINE). It writes its
 * untagged data through the session and returns its tagged completion as a value.
 */
interface ImapCommand {
  /** The command names handled. */
  Set<String> names();

  /** The states the command is valid in; elsewhere the server answers BAD without running it. */
  Set<ImapState> validIn();

  /** Whether the {@code UID} prefix is allowed (RFC 3501 §6.4.8, RFC 4315, RFC 6851). */
  default boolean uidVariant() {
    return false;
  }

  ImapResult execute(ImapSession session, ImapRequest request) throws IOException, ImapException;

  Set<ImapState> ANY = Set.of(ImapState.NOT_AUTHENTICATED, ImapState.AUTHENTICATED, ImapState.SELECTED);
  Set<ImapState> AUTHENTICATED = Set.of(ImapState.AUTHENTICATED, ImapState.SELECTED);
  Set<ImapState> SELECTED = Set.of(ImapState.SELECTED);
  Set<ImapState> NOT_AUTHENTICATED = Set.of(ImapState.NOT_AUTHENTICATED);
}
