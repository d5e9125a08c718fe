/**
 * The one shape of a command in SMTP, POP3 and IMAP.
 *
 * <p>A command is one class named after its verb, extending {@link
 * dev.fakemail.core.internal.protocol.BasicCommand} and implementing its protocol's command interface
 * (which extends {@link dev.fakemail.core.internal.protocol.ProtocolCommand}):
 *
 * <pre>{@code
 * final class NoopCommand extends BasicCommand<Pop3State> implements Pop3Command {
 *   NoopCommand() {
 *     super(Pop3State.TRANSACTION_ONLY, "NOOP");   // the states: a constant on the protocol's state enum
 *   }
 *
 *   @Override
 *   public Pop3Reply execute(Pop3Session s, String args) {
 *     return Pop3Reply.ok("");              // the reply is a value; the server writes it
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Verbs</b>: what the command table ({@link dev.fakemail.core.internal.protocol.CommandTable})
 *       maps to it; an IMAP command that has a UID form lists it ({@code "FETCH", "UID FETCH"}).
 *   <li><b>States</b>: {@code SmtpState.GREETED}, {@code Pop3State.LOGGED_IN}, {@code
 *       ImapState.SELECTED_ONLY}... The server checks them before {@code execute} runs.
 *   <li><b>Blocks</b>: a command that waits for the client between its replies (AUTH, AUTHENTICATE,
 *       IDLE), for a TLS handshake (STARTTLS, STLS) or for octets following it (BDAT) calls {@code
 *       blocking()} in its constructor; the SMTP event loop hands such a command to a thread.
 *   <li><b>Execute</b>: {@code SmtpReply execute(SmtpSession, String)}, {@code Pop3Reply
 *       execute(Pop3Session, String)}, {@code ImapResult execute(ImapSession, ImapRequest)}. A command
 *       reaches the wire only through the session's exchange ({@code SmtpExchange}, {@code
 *       Pop3Exchange}, {@code ImapExchange}), so that unit tests run it against a fake exchange;
 *       deep code throws the protocol's stackless exception carrying a reply.
 * </ul>
 *
 * <p>Not API: fakemail's own machinery, which may change in any release without notice; nothing here
 * is covered by the recorded public API.
 */
package dev.fakemail.core.internal.protocol;
