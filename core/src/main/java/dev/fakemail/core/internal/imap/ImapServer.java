package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.net.CommandLoop;
import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.ProtocolHandler;
import dev.fakemail.core.internal.net.TranscriptText;
import dev.fakemail.core.internal.protocol.CommandTable;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The IMAP protocol (RFC 3501 and the extensions in CAPABILITY) on a connection: the reader parses
 * a command into a request, the command table finds its processor, pending folder updates go out
 * before the tagged completion.
 */
public final class ImapServer implements ProtocolHandler {
  /** Commands during which EXPUNGE responses must not be sent (RFC 3501 §7.4.1). */
  private static final Set<String> NO_EXPUNGE_DURING = Set.of("FETCH", "STORE", "SEARCH", "SORT");

  private final ImapConfig config;
  private final SessionLog sessions;
  private final CommandTable<ImapCommand> commands;

  public ImapServer(ImapConfig config, SessionLog sessions) {
    this.config = config;
    this.sessions = sessions;
    this.commands = commandTable();
  }

  static CommandTable<ImapCommand> commandTable() {
    return CommandTable.of(List.of(new AnyStateCommands.Capability(), new AnyStateCommands.Noop(),
        new AnyStateCommands.Logout(), new AnyStateCommands.Id(), new AnyStateCommands.Enable(),
        new AnyStateCommands.Namespace(), new LoginCommands.StartTls(), new LoginCommands.Login(),
        new LoginCommands.Authenticate(), new SelectCommand(), new MailboxCommands.Create(),
        new MailboxCommands.Delete(), new MailboxCommands.Rename(), new MailboxCommands.Subscribe(),
        new MailboxCommands.Status(), new ListCommand(), new AppendCommand(), new SelectedCommands.Check(),
        new SelectedCommands.Close(), new SelectedCommands.Unselect(), new SelectedCommands.Expunge(),
        new FetchCommand(), new StoreCommand(), new CopyMoveCommand(), new SearchCommand(), new SortCommand(), new IdleCommand()));
  }

  @Override
  public void serve(Connection c) throws IOException {
    SessionLog.Entry log = sessions.open(c.id(), c.listener(), c.clientAddress());
    if (c.isTls()) {
      log.tls(c.tlsProtocol(), c.tlsCipher());
    }
    ImapSession session = new ImapSession(new ImapConnectionExchange(c), config, log);
    ImapRequestReader reader = new ImapRequestReader(c,
        () -> session.state() == ImapState.NOT_AUTHENTICATED ? ImapConfig.MAX_LITERAL_BEFORE_LOGIN : config.maxLiteral(),
        (line, size) -> !isAppend(line) || session.state() == ImapState.NOT_AUTHENTICATED ? ImapRequestReader.Admission.READ
            : session.reserve(size + dev.fakemail.core.internal.store.MemoryAccount.FOLDER_ENTRY_OVERHEAD)
            ? ImapRequestReader.Admission.CHARGED : ImapRequestReader.Admission.REFUSED,
        log);
    try {
      session.untagged("OK [CAPABILITY " + session.capabilities() + "] " + config.hostname() + " fakemail IMAP4rev1 ready");
      c.flush();
      Commands commands = new Commands(c, session, reader, log);
      new CommandLoop<>(commands, config.maxErrors(), CommandLoop.Masking.IMAP, log::client).run(c, commands, commands);
    } finally {
      session.close();
      log.ended();
    }
  }

  /**
   * The IMAP side of a session's command loop: reads and runs the next command; its reply is the
   * tagged completion, after the untagged responses the command wrote. {@code BAD} counts toward
   * the error limit; LOGOUT ends the session, and so does a command whose literal cannot be skipped.
   */
  private final class Commands implements CommandLoop.Commands<ImapResult>, CommandLoop.Rule<ImapResult>,
      CommandLoop.Replies<ImapResult> {
    private final Connection c;
    private final ImapSession session;
    private final ImapRequestReader reader;
    private final SessionLog.Entry log;
    private ImapRequestReader.Read read; // the command being answered

    Commands(Connection c, ImapSession session, ImapRequestReader reader, SessionLog.Entry log) {
      this.c = c;
      this.session = session;
      this.reader = reader;
      this.log = log;
    }

    @Override
    public ImapResult next() throws IOException {
      while (true) {
        read = reader.read();
        if (read == null) {
          return null;
        }
        ImapResult result = read.request() == null ? read.failure() : dispatch(session, read.request());
        session.releaseReserved(); // what an APPEND reserved and did not keep
        if (result != null) { // null: STARTTLS, answered before the handshake
          return result;
        }
      }
    }

    @Override
    public void send(ImapResult result) throws IOException {
      String completion = read.tag() + " " + result.toWire();
      log.server(() -> TranscriptText.response(completion));
      c.write(completion + "\r\n");
      if (read.close()) {
        session.untagged("BYE Closing: the literal's octets cannot be skipped safely");
      }
    }

    @Override
    public void tooManyErrors() throws IOException {
      session.untagged("BYE Too many errors, closing connection");
    }

    @Override
    public boolean countsAsError(ImapResult result) {
      return result.status() == ImapResult.Status.BAD;
    }

    @Override
    public boolean endsSession(ImapResult result) {
      return read.close() || session.state() == ImapState.LOGOUT;
    }
  }

  /** Whether a command line is an APPEND, whose literals are charged to the memory budget before they are read. */
  static boolean isAppend(String line) {
    int sp = line.indexOf(' ');
    return sp > 0 && line.regionMatches(true, sp + 1, "APPEND ", 0, 7);
  }

  /**
   * Runs one request: lookup (by its full name, {@code UID FETCH}), state check, the command, then the
   * selected folder's pending updates. Package-private for tests.
   */
  ImapResult dispatch(ImapSession s, ImapRequest r) throws IOException {
    ImapCommand command = commands.get(r.fullName());
    if (command == null) {
      return r.uid() && commands.has(r.name()) ? ImapResult.bad("UID " + r.name() + " does not exist")
          : ImapResult.bad("Unknown command " + r.fullName());
    }
    if (!command.validIn().contains(s.state())) {
      return ImapResult.BAD_STATE;
    }
    r.args().utf8(s.utf8());
    ImapResult result;
    try {
      result = command.execute(s, r);
    } catch (ImapException e) {
      result = e.result();
    }
    if (result != null && s.state() == ImapState.SELECTED) {
      s.sendUpdates(r.uid() || !NO_EXPUNGE_DURING.contains(r.name()), r.uid());
    }
    return result;
  }

  @Override
  public String busyReply() {
    return "* BYE Too many connections, try again later\r\n";
  }

  @Override
  public String internalErrorReply() {
    return "* BYE Internal error, closing connection\r\n";
  }

  @Override
  public String shutdownReply() {
    return "* BYE Server shutting down\r\n";
  }
}
