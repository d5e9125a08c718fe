package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Fault;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.fault.FaultContext;
import dev.fakemail.core.internal.fault.FaultDisconnect;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.fault.Pause;
import dev.fakemail.core.internal.net.CommandLoop;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SMTP session. Connection state (greeting name, authenticated user, TLS) lives as long as the
 * connection; transaction state ({@link Transaction}) is cleared by RSET, EHLO, HELO and by the end
 * of each message.
 */
public final class SmtpSession {
  private SmtpExchange exchange;
  private final SmtpConfig config;
  private final Delivery delivery;
  private final SessionLog.Entry log;
  private final FaultEngine faults;
  private String helo = "";
  private boolean esmtp;
  private String authUser = "";
  private boolean quit;
  private final CommandLoop<SmtpReply> loop;
  private Transaction transaction;
  private SessionInfo info;

  public SmtpSession(SmtpExchange exchange, SmtpConfig config, Delivery delivery, SessionLog.Entry log, FaultEngine faults) {
    this.exchange = exchange;
    this.config = config;
    this.delivery = delivery;
    this.log = log;
    this.faults = faults;
    this.loop = new CommandLoop<>(SmtpServer.rule(this), config.maxErrors(), CommandLoop.Masking.SMTP, text -> log.client(text));
  }

  /**
   * Checks the fault rules for a stage. A REPLY rule is thrown as its reply, a DISCONNECT rule ends
   * the session ({@link FaultDisconnect}), a DELAY rule holds the session here; a TLS_FAIL rule is
   * returned for the caller to act on. Every rule that fires is noted in the transcript.
   *
   * @param to the recipients the stage concerns (the one of RCPT; all of the message at DATA)
   * @param user the login being tried (AUTH), else the authenticated user
   */
  Optional<Fault> fault(Fault.Stage stage, List<String> to, String user) throws SmtpException, IOException {
    if (faults.isEmpty()) {
      return Optional.empty();
    }
    String from = transaction == null ? null : transaction.from;
    Optional<Fault> fired = faults.fire(stage, FaultContext.of(exchange.listener().id(), exchange.clientAddress(),
        user != null ? user : authUser.isEmpty() ? null : authUser).withEnvelope(from, to));
    if (fired.isEmpty()) {
      return fired;
    }
    Fault f = fired.get();
    log.fault(f);
    switch (f.action()) {
      case REPLY -> throw new SmtpException(SmtpReply.parse(f.reply()));
      case DISCONNECT -> throw new FaultDisconnect(f.id());
      case DELAY -> Pause.of(f.delay().toMillis());
      case TLS_FAIL -> {
        return fired;
      }
    }
    return Optional.empty();
  }

  Optional<Fault> fault(Fault.Stage stage) throws SmtpException, IOException {
    return fault(stage, List.of(), null);
  }

  /** The state of the MAIL transaction, from MAIL FROM to the end of data. */
  public static final class Transaction {
    final String from;
    final Map<String, String> fromParameters;
    final List<Envelope.Recipient> recipients = new ArrayList<>();
    boolean chunking;
    BoundedBuffer chunks;

    Transaction(String from, Map<String, String> fromParameters) {
      this.from = from;
      this.fromParameters = new LinkedHashMap<>(fromParameters);
    }

    List<String> to() {
      return recipients.stream().map(Envelope.Recipient::address).toList();
    }

    Envelope envelope() {
      return new Envelope(from, fromParameters, recipients);
    }
  }

  public SmtpState state() {
    if (helo.isEmpty()) {
      return SmtpState.CONNECTED;
    }
    if (transaction == null) {
      return SmtpState.READY;
    }
    return transaction.recipients.isEmpty() ? SmtpState.MAIL : SmtpState.RCPT;
  }

  public SmtpExchange exchange() {
    return exchange;
  }

  /** The session goes on over another exchange of the same connection (from the event loop to a thread). */
  void moveTo(SmtpExchange other) {
    exchange = other;
  }

  /** The session's command loop: its error count and transcript masking, kept when the session moves to a thread. */
  CommandLoop<SmtpReply> loop() {
    return loop;
  }

  public SmtpConfig config() {
    return config;
  }

  public Delivery delivery() {
    return delivery;
  }

  public SessionLog.Entry log() {
    return log;
  }

  public String helo() {
    return helo;
  }

  public boolean esmtp() {
    return esmtp;
  }

  void greeted(String name, boolean extended) {
    helo = name;
    esmtp = extended;
    transaction = null;
    info = null;
    log.helo(name);
  }

  public String authUser() {
    return authUser;
  }

  public boolean authenticated() {
    return !authUser.isEmpty();
  }

  void authenticated(String user) {
    authUser = user;
    info = null;
    log.authUser(user);
  }

  /** After STARTTLS the client must start over (RFC 3207 §4.2): greeting, auth and transaction are gone. */
  void tlsStarted() {
    helo = "";
    esmtp = false;
    authUser = "";
    transaction = null;
    info = null;
    log.tls(exchange.tlsProtocol(), exchange.tlsCipher());
  }

  Transaction transaction() {
    return transaction;
  }

  void begin(Transaction t) {
    reset();
    transaction = t;
  }

  void reset() {
    if (transaction != null && transaction.chunks != null) { // BDAT chunks of a transaction that did not end
      transaction.chunks.release();
    }
    transaction = null;
  }

  public boolean quit() {
    return quit;
  }

  void quitRequested() {
    quit = true;
  }

  /** The session facts for a message delivered now; shared by the messages of one session state. */
  SessionInfo info() {
    SessionInfo i = info;
    if (i == null) {
      i = new SessionInfo(exchange.sessionId(), exchange.listener(), exchange.clientAddress(), helo, authUser,
          exchange.tlsProtocol(), exchange.tlsCipher());
      info = i;
    }
    return i;
  }
}
