package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.User;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.mailbox.Mailboxes;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * An IMAP session driven command by command through the server's real parser ({@link
 * ImapRequestReader#request}) and dispatch (command table, UID forms, state check, pending updates),
 * with a {@link FakeImapExchange} in place of the socket. Messages arrive as SMTP delivers them.
 */
final class FakeImapSession {
  static final String BOB = "bob@x.test";

  final FakeImapExchange exchange = new FakeImapExchange();
  final Mailboxes mailboxes;
  final FaultEngine faults = new FaultEngine(Instant::now);
  final SessionLog log = new SessionLog();
  final ImapSession session;
  private final ImapServer server;
  private int delivered;

  /** The untagged responses (and continuation requests) a command wrote, and its tagged completion. */
  record Response(String untagged, String completion) {
    /** Asserts an OK completion and returns this. */
    Response ok() {
      assertThat(completion).as(untagged).contains(" OK");
      return this;
    }
  }

  /** Any login is accepted, as with no users configured. */
  FakeImapSession() {
    this(new Accounts(List.of()));
  }

  FakeImapSession(Accounts accounts) {
    this(accounts, new Mailboxes("mx.test"));
  }

  private FakeImapSession(Accounts accounts, Mailboxes mailboxes) {
    this.mailboxes = mailboxes;
    ImapConfig config = new ImapConfig("imap.test", accounts, mailboxes, 1 << 20, 10, faults);
    server = new ImapServer(config, log);
    session = new ImapSession(exchange, config, log.open("imap-test-1", Listener.IMAP, "127.0.0.1"));
  }

  /** Another session of the same server (the same mailboxes), not logged in, any login accepted. */
  FakeImapSession another() {
    return new FakeImapSession(new Accounts(List.of()), mailboxes);
  }

  /** Only bob, with password {@code pw}. */
  static FakeImapSession strict() {
    return new FakeImapSession(new Accounts(List.of(new User(BOB, "pw", null))));
  }

  /**
   * Runs one command: its first line with the tag, then (for a command with literals) each literal's
   * octets and the line that follows it, as {@link ImapRequestReader} hands them to the parser.
   */
  Response run(Object... parts) {
    exchange.take();
    String first = (String) parts[0];
    int sp = first.indexOf(' ');
    String tag = sp < 0 ? first : first.substring(0, sp);
    ImapRequestReader.Read read = ImapRequestReader.request(tag, List.of(parts));
    ImapResult result;
    try {
      result = read.request() == null ? read.failure() : server.dispatch(session, read.request());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    session.releaseReserved();
    return new Response(exchange.take(), result == null ? null : tag + " " + result.toWire());
  }

  /** The completion of one command, its untagged responses dropped. */
  String complete(Object... parts) {
    return run(parts).completion();
  }

  FakeImapSession login() {
    if (session.state() == ImapState.NOT_AUTHENTICATED) {
      run("l LOGIN " + BOB + " pw").ok();
    }
    return this;
  }

  /** Logs in and appends a message to the INBOX as it is, with no trace fields added. */
  FakeImapSession append(String raw) {
    login();
    run("p APPEND INBOX ", raw.getBytes(StandardCharsets.UTF_8), "").ok();
    return this;
  }

  FakeImapSession select() {
    return select("INBOX");
  }

  FakeImapSession select(String mailbox) {
    login();
    run("s SELECT " + mailbox).ok();
    return this;
  }

  /** Delivers a message to bob's INBOX, as SMTP does. */
  FakeImapSession deliver(String subject) {
    return deliverRaw("From: Alice <alice@app.test>\r\nTo: " + BOB + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <m" + (delivered + 1) + "@app.test>\r\n\r\nbody of " + subject + "\r\n");
  }

  FakeImapSession deliverRaw(String raw) {
    delivered++;
    SessionInfo s = new SessionInfo("smtp-" + delivered, Listener.SMTP, "127.0.0.1", "client.test", "", "", "");
    mailboxes.added(dev.fakemail.core.internal.CoreAccess.get().message(Integer.toString(delivered), Instant.now(),
        Envelope.of("alice@app.test", List.of(BOB)), s, raw.getBytes(StandardCharsets.UTF_8), null));
    return this;
  }

  List<SessionRecord.TranscriptLine> transcript() {
    return log.snapshot().get(0).transcript();
  }
}
