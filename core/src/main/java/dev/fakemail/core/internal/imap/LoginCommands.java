package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** STARTTLS, LOGIN and AUTHENTICATE PLAIN (RFC 3501 §6.2, RFC 4959 SASL-IR). */
final class LoginCommands {
  private static final Logger LOG = LoggerFactory.getLogger(LoginCommands.class);

  private LoginCommands() {}

  private static ImapResult login(ImapSession s, String login, String password) throws IOException {
    Optional<dev.fakemail.core.Fault> fault = s.fault(dev.fakemail.core.Fault.Stage.LOGIN, login);
    if (fault.isPresent()) {
      return resultFor(fault.get(), "AUTHENTICATIONFAILED");
    }
    Optional<String> address = s.config().accounts().authenticate(login, password);
    if (address.isEmpty() || address.get().isBlank()) {
      return ImapResult.AUTH_FAILED;
    }
    if (!s.config().mailboxes().admit(address.get())) { // a new mailbox past the cap or the memory budget
      return new ImapResult(ImapResult.Status.NO, "UNAVAILABLE", "No room for another mailbox; try again later");
    }
    s.loggedIn(address.get());
    return ImapResult.ok("CAPABILITY " + s.capabilities(), "Logged in");
  }

  /** A fault rule's reply as IMAP says it: {@code NO [UNAVAILABLE] text} for 4xx, the given code for 5xx (RFC 5530). */
  static ImapResult resultFor(dev.fakemail.core.Fault f, String permanentCode) {
    return new ImapResult(ImapResult.Status.NO, f.reply().startsWith("4") ? "UNAVAILABLE" : permanentCode,
        dev.fakemail.core.internal.fault.FaultEngine.replyText(f));
  }

  /** STARTTLS (RFC 3501 §6.2.1): plaintext pipelined behind the command is discarded. */
  static final class StartTls extends BasicCommand<ImapState> implements ImapCommand {
    StartTls() {
      super(ImapState.NOT_AUTHENTICATED_ONLY, "STARTTLS");
      blocking();
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      r.args().end();
      if (s.exchange().isTls()) {
        return ImapResult.bad("TLS already active");
      }
      if (!s.exchange().tlsAvailable()) {
        return ImapResult.no("TLS not available");
      }
      s.write(r.tag() + " OK Begin TLS negotiation now\r\n");
      int discarded = s.exchange().startTls();
      s.tlsStarted(discarded);
      LOG.debug("{} TLS started; {} plaintext octets discarded", s.exchange().sessionId(), discarded);
      return null;
    }
  }

  /** LOGIN user password (RFC 3501 §6.2.3). */
  static final class Login extends BasicCommand<ImapState> implements ImapCommand {
    Login() {
      super(ImapState.NOT_AUTHENTICATED_ONLY, "LOGIN");
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      ImapArgs a = r.args();
      String user = a.astring();
      a.sp();
      String password = a.astring();
      a.end();
      return login(s, user, password);
    }
  }

  /** AUTHENTICATE PLAIN [initial-response] (RFC 3501 §6.2.2, RFC 4616, RFC 4959). */
  static final class Authenticate extends BasicCommand<ImapState> implements ImapCommand {
    Authenticate() {
      super(ImapState.NOT_AUTHENTICATED_ONLY, "AUTHENTICATE");
      blocking();
    }

    @Override
    public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
      ImapArgs a = r.args();
      String mechanism = a.atom().toUpperCase(Locale.ROOT);
      String initial = null;
      if (a.tryChar(' ')) {
        initial = a.atom();
      }
      a.end();
      if (!mechanism.equals("PLAIN")) {
        return ImapResult.no("Unsupported mechanism; use PLAIN");
      }
      String response = initial != null ? initial : s.continuation("");
      if (response == null) {
        throw new EOFException("connection closed during AUTHENTICATE");
      }
      response = response.trim();
      if (response.equals("*")) {
        return ImapResult.bad("AUTHENTICATE cancelled");
      }
      String decoded;
      try {
        decoded = response.equals("=") ? "" : new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return ImapResult.bad("Cannot decode the response: not base64");
      }
      String[] f = decoded.split("\0", -1);
      if (f.length != 3) {
        return ImapResult.bad("Bad PLAIN response: expected authzid NUL authcid NUL password");
      }
      if (!f[0].isEmpty() && !f[0].equalsIgnoreCase(f[1])) {
        return ImapResult.AUTH_FAILED; // no proxy logins: a user only ever opens their own mailbox
      }
      return login(s, f[1], f[2]);
    }
  }
}
