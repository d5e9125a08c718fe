package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.protocol.ProtocolCommand;
import java.io.IOException;

/**
 * One IMAP command, or a pair that share their grammar, like SELECT and EXAMINE ({@link
 * ProtocolCommand}: verbs, states as {@link ImapState} constants, whether it blocks). A command usable
 * with the {@code UID} prefix (RFC 3501 §6.4.8, RFC 4315, RFC 6851) lists that form among its verbs
 * ({@code "UID FETCH"}). It writes its untagged data through the session (and so the session's
 * {@link ImapExchange}) and returns its tagged completion as a value. The server answers BAD without
 * running it in a state not in {@link #validIn()}.
 */
interface ImapCommand extends ProtocolCommand<ImapState> {
  ImapResult execute(ImapSession session, ImapRequest request) throws IOException, ImapException;
}
