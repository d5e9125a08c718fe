package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.User;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An SMTP session driven line by line through the server's real dispatch (command table, state and
 * length checks), with a {@link FakeExchange} in place of the socket and a list in place of the store.
 */
final class FakeSession {
  final FakeExchange exchange = new FakeExchange();
  final List<ReceivedMessage> delivered = new ArrayList<>();
  final SessionLog log = new SessionLog();
  final SmtpSession session;
  private final SmtpServer server;
  private final SessionLog.Entry entry;
  final dev.fakemail.core.internal.fault.FaultEngine faults = new dev.fakemail.core.internal.fault.FaultEngine(java.time.Instant::now);
  private SmtpException refuseWith;

  FakeSession() {
    this(config(List.of(), false, 1000, 1000));
  }

  FakeSession(SmtpConfig config) {
    Delivery delivery = this::deliver;
    server = new SmtpServer(config, delivery, log, faults);
    entry = log.open("smtp-test-1", exchange.listener, exchange.clientAddress());
    session = new SmtpSession(exchange, config, delivery, entry, faults);
  }

  static SmtpConfig config(List<User> users, boolean authRequired, long maxMessageSize, int maxRecipients) {
    return new SmtpConfig("mx.fake.test", maxMessageSize, maxRecipients, 10, authRequired, new Accounts(users));
  }

  static FakeSession strict() {
    return new FakeSession(config(List.of(new User("alice@corp.test", "secret", null)), false, 1000, 1000));
  }

  private ReceivedMessage deliver(Envelope envelope, SessionInfo info, byte[] content) throws SmtpException {
    if (refuseWith != null) {
      throw refuseWith;
    }
    ReceivedMessage m = dev.fakemail.core.internal.CoreAccess.get().message(Integer.toString(delivered.size() + 1), Instant.now(), envelope, info, content, null);
    delivered.add(m);
    return m;
  }

  /** The next delivery fails with this reply, as a full store does. */
  void refuseDeliveries(SmtpReply reply) {
    refuseWith = new SmtpException(reply);
  }

  /** Runs one command line and returns the final reply (null for STARTTLS, which answers before the handshake). */
  SmtpReply run(String line) {
    try {
      return server.dispatch(session, line, entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a line and returns the reply as sent on the wire, without the last CRLF. */
  String reply(String line) {
    SmtpReply r = run(line);
    return r == null ? null : r.toWire().stripTrailing();
  }

  FakeSession ehlo() {
    run("EHLO client.test");
    return this;
  }

  FakeSession mailTransaction(String from, String... to) {
    ehlo();
    run("MAIL FROM:<" + from + ">");
    for (String t : to) {
      run("RCPT TO:<" + t + ">");
    }
    return this;
  }

  List<SessionRecord.TranscriptLine> transcript() {
    return log.snapshot().get(0).transcript();
  }
}
