package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.fault.FaultContext;
import dev.fakemail.core.internal.mailbox.Folder;
import dev.fakemail.core.internal.mailbox.FolderMessage;
import dev.fakemail.core.internal.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;

/**
 * One POP3 session. Connection state: the state, the user, TLS. Maildrop state (from login to
 * QUIT): the INBOX messages as they were at login, and the deletion marks that RSET clears.
 */
final class Pop3Session {
  private final Pop3Exchange exchange;
  private final Pop3Config config;
  private Pop3State state = Pop3State.AUTHORIZATION;
  private String pendingUser;
  private String user;
  private Mailbox mailbox;
  private List<FolderMessage> messages = List.of();
  private boolean[] deleted = new boolean[0];
  private long totalOctets;
  private int deletedCount;
  private long deletedOctets;
  private boolean quit;

  Pop3Session(Pop3Exchange exchange, Pop3Config config) {
    this.exchange = exchange;
    this.config = config;
  }

  Pop3Exchange exchange() {
    return exchange;
  }

  Pop3Config config() {
    return config;
  }

  Pop3State state() {
    return state;
  }

  String pendingUser() {
    return pendingUser;
  }

  void pendingUser(String login) {
    this.pendingUser = login;
  }

  String user() {
    return user;
  }

  /** Checks credentials, takes the maildrop lock and opens the maildrop; the reply says how it went. */
  Pop3Reply login(String login, String password) throws java.io.IOException {
    pendingUser = null;
    java.util.Optional<dev.fakemail.core.Fault> fault = config.faults().apply(dev.fakemail.core.Fault.Stage.LOGIN, faultContext(login),
        exchange::faultFired);
    if (fault.isPresent()) {
      return errorFor(fault.get(), "[AUTH] ");
    }
    var address = config.accounts().authenticate(login, password);
    if (address.isEmpty() || address.get().isBlank()) {
      return Pop3Reply.AUTH_FAILED;
    }
    if (!config.mailboxes().admit(address.get())) { // a new mailbox past the cap or the memory budget
      return Pop3Reply.err("[SYS/TEMP] No room for another mailbox; try again later");
    }
    Mailbox box = config.mailboxes().mailbox(address.get());
    if (!box.lockForPop3()) {
      return Pop3Reply.IN_USE;
    }
    mailbox = box;
    user = address.get();
    messages = box.inbox().messages();
    deleted = new boolean[messages.size()];
    for (FolderMessage m : messages) {
      totalOctets += m.content().size();
    }
    state = Pop3State.TRANSACTION;
    return Pop3Reply.ok("Logged in, " + messages.size() + " messages (" + octets(false) + " octets)");
  }

  FaultContext faultContext(String login) {
    return FaultContext.of(exchange.listenerId(), exchange.clientAddress(), login);
  }

  /** A fault rule's reply as POP3 says it: {@code -ERR [SYS/TEMP] text} for 4xx, the given code for 5xx (RFC 2449, 3206). */
  static Pop3Reply errorFor(dev.fakemail.core.Fault f, String permanentCode) {
    String text = dev.fakemail.core.internal.fault.FaultEngine.replyText(f);
    return Pop3Reply.err((f.reply().startsWith("4") ? "[SYS/TEMP] " : permanentCode) + text);
  }

  /** Checks the RETR stage's fault rules (RETR and TOP); a REPLY rule's answer, or null to go on. */
  Pop3Reply retrFault() throws java.io.IOException {
    return config.faults().apply(dev.fakemail.core.Fault.Stage.RETR, faultContext(user), exchange::faultFired)
        .map(f -> errorFor(f, "")).orElse(null);
  }

  /** The message with this number (1-based), not marked deleted. */
  FolderMessage message(String number) throws Pop3Exception {
    int n;
    try {
      n = Integer.parseInt(number.trim());
    } catch (NumberFormatException e) {
      throw new Pop3Exception(Pop3Reply.syntax("a message number"));
    }
    if (n < 1 || n > messages.size()) {
      throw new Pop3Exception(Pop3Reply.NO_SUCH_MESSAGE);
    }
    if (deleted[n - 1]) {
      throw new Pop3Exception(Pop3Reply.MESSAGE_DELETED);
    }
    return messages.get(n - 1);
  }

  int count() {
    return messages.size();
  }

  /** The message numbered {@code n}, or null when it is marked deleted. */
  FolderMessage at(int n) {
    return deleted[n - 1] ? null : messages.get(n - 1);
  }

  void delete(String number) throws Pop3Exception {
    FolderMessage m = message(number);
    deleted[Integer.parseInt(number.trim()) - 1] = true;
    deletedCount++;
    deletedOctets += m.content().size();
  }

  int undeletedCount() {
    return messages.size() - deletedCount;
  }

  /** Octets of the maildrop, or of the messages not marked deleted; kept as counts, not summed per call. */
  long octets(boolean undeletedOnly) {
    return undeletedOnly ? totalOctets - deletedOctets : totalOctets;
  }

  void resetDeletions() {
    deleted = new boolean[messages.size()];
    deletedCount = 0;
    deletedOctets = 0;
  }

  /** The UPDATE state (RFC 1939 §6): removes the messages marked deleted. Returns how many. */
  int commit() {
    List<FolderMessage> gone = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (deleted[i]) {
        gone.add(messages.get(i));
      }
    }
    Folder inbox = mailbox.inbox();
    inbox.remove(gone);
    return gone.size();
  }

  /** The UIDL of a message: stable across sessions, as UIDVALIDITY and UID of the INBOX message. */
  String uidl(FolderMessage m) {
    return mailbox.inbox().uidValidity() + "." + m.uid();
  }

  boolean quit() {
    return quit;
  }

  void quit(boolean q) {
    this.quit = q;
  }

  /** Ends the session: the maildrop lock is released (without deleting anything unless QUIT did). */
  void close() {
    if (mailbox != null) {
      mailbox.unlockForPop3();
      mailbox = null;
    }
  }
}
