package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.fault.FaultContext;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.net.ConnectionFacts;
import dev.fakemail.core.internal.net.CommandLoop;
import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.net.LoopConnection;
import dev.fakemail.core.internal.net.LoopSession;
import dev.fakemail.core.internal.net.ProtocolHandler;
import dev.fakemail.core.internal.protocol.CommandTable;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SMTP protocol on a connection: greeting, the command loop, replies, limits, transcript. */
public final class SmtpServer implements ProtocolHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

  private final SmtpConfig config;
  private final Delivery delivery;
  private final SessionLog sessions;
  private final CommandTable<SmtpCommand> commands;
  private final FaultEngine faults;

  public SmtpServer(SmtpConfig config, Delivery delivery, SessionLog sessions, FaultEngine faults) {
    this.config = config;
    this.delivery = delivery;
    this.sessions = sessions;
    this.faults = faults;
    this.commands = commandTable();
  }

  @Override
  public Optional<Fault> connectFault(Listener listener, String clientAddress) {
    return faults.fire(Fault.Stage.CONNECT, FaultContext.of(listener.id(), clientAddress, null));
  }

  static CommandTable<SmtpCommand> commandTable() {
    return CommandTable.of(List.of(new EhloCommand(), new HeloCommand(), new MailCommand(), new RcptCommand(),
        new DataCommand(), new BdatCommand(), new SimpleCommands.RsetCommand(), new SimpleCommands.NoopCommand(),
        new SimpleCommands.VrfyCommand(), new SimpleCommands.ExpnCommand(), new SimpleCommands.HelpCommand(),
        new SimpleCommands.QuitCommand(), new StartTlsCommand(), new AuthCommand()));
  }

  /** The command for a verb (upper case), or null. */
  SmtpCommand command(String verb) {
    return commands.get(verb);
  }

  @Override
  public void serve(Connection c) throws IOException {
    SessionLog.Entry log = sessions.open(c.id(), c.listener(), c.clientAddress());
    if (c.isTls()) {
      log.tls(c.tlsProtocol(), c.tlsCipher());
    }
    try {
      if (c.connectFault().isPresent()) {
        Fault f = c.connectFault().get();
        log.fault(f);
        reply(c, log, SmtpReply.parse(f.reply()));
        c.flush();
        return;
      }
      SmtpSession session = newSession(new ConnectionExchange(c, log), log);
      try {
        session.fault(Fault.Stage.GREETING);
      } catch (SmtpException e) { // a greeting other than 220: the client is told, and the connection closes
        reply(c, log, e.reply());
        c.flush();
        return;
      }
      reply(c, log, greeting());
      c.flush();
      run(c, session, log);
    } finally {
      log.ended();
    }
  }

  private SmtpReply greeting() {
    return SmtpReply.of(220, "", config.hostname() + " ESMTP fakemail ready");
  }

  /**
   * Opens the session on the event loop when nothing in it may block: no fault rule is set (a rule
   * may delay) and delivery returns at once. The session hands itself to a thread for what blocks.
   */
  @Override
  public LoopSession openOnLoop(LoopConnection c) {
    if (!mayRunOnLoop()) {
      return null;
    }
    SmtpLoopSession s = new SmtpLoopSession(this, c, sessions.open(c.id(), c.listener(), c.clientAddress()));
    s.reply(greeting());
    return s;
  }

  /** Whether a command may run on the event loop now: nothing it does can wait. */
  boolean mayRunOnLoop() {
    return faults.isEmpty() && !delivery.mayBlock();
  }

  SmtpSession newSession(SmtpExchange exchange, SessionLog.Entry log) {
    return new SmtpSession(exchange, config, delivery, log, faults);
  }

  /** The command loop with blocking I/O, from the next line on. */
  private void run(Connection c, SmtpSession session, SessionLog.Entry log) throws IOException {
    try {
      runCommands(c, session, log);
    } finally {
      session.reset(); // BDAT chunks of a transaction the connection left unfinished give their memory back
    }
  }

  private void runCommands(Connection c, SmtpSession session, SessionLog.Entry log) throws IOException {
    session.loop().run(c, () -> nextReply(c, session, log), replies(c, log));
  }

  /** Reads and runs the next command line; null at the end of input. STARTTLS answers before the handshake: the next line is read. */
  private SmtpReply nextReply(Connection c, SmtpSession session, SessionLog.Entry log) throws IOException {
    while (true) {
      SmtpReply reply;
      try {
        String line = c.readCommandLine(SmtpConfig.MAX_AUTH_LINE);
        if (line == null) {
          return null;
        }
        reply = dispatch(session, line, log);
      } catch (LineTooLongException e) {
        reply = lineTooLong(session);
      }
      if (reply != null) {
        return reply;
      }
    }
  }

  /** Replies to a connection on a thread. */
  private static CommandLoop.Replies<SmtpReply> replies(Connection c, SessionLog.Entry log) {
    return CommandLoop.replies(reply -> reply(c, log, reply), SmtpReply.TOO_MANY_ERRORS);
  }

  /**
   * Continues a session from the event loop on a thread: the connection's earlier replies are
   * sent; {@code first} produces the reply to the command the loop stopped at, then the blocking
   * command loop goes on.
   */
  void continueOnThread(Connection c, SmtpSession session, SessionLog.Entry log, FirstReply first) throws IOException {
    try {
      session.moveTo(new ConnectionExchange(c, log));
      if (!session.loop().answer(first.reply(), replies(c, log))) {
        c.flush();
        return;
      }
      c.flushIfNoPipelinedInput();
      run(c, session, log);
    } finally {
      log.ended();
    }
  }

  /** The reply to the command at which a session left the event loop. */
  @FunctionalInterface
  interface FirstReply {
    SmtpReply reply() throws IOException;
  }

  static SmtpReply lineTooLong(SmtpSession session) {
    session.loop().lineTooLong(SmtpConfig.MAX_AUTH_LINE);
    return SmtpReply.LINE_TOO_LONG;
  }

  /**
   * SMTP's error rule for a session: protocol mistakes and failed logins count toward the error
   * limit; policy answers (550 unknown user, 452 too many recipients, a fault rule's reply) don't,
   * since a well-behaved client gets them too. A 421 and QUIT end the session.
   */
  static CommandLoop.Rule<SmtpReply> rule(SmtpSession session) {
    return new CommandLoop.Rule<>() {
      @Override
      public boolean countsAsError(SmtpReply reply) {
        return SmtpServer.countsAsError(reply);
      }

      @Override
      public boolean endsSession(SmtpReply reply) {
        return reply.code() == 421 || session.quit();
      }
    };
  }

  static boolean countsAsError(SmtpReply reply) {
    int c = reply.code();
    return c >= 500 && c <= 504 || c == 535 || c == 555;
  }

  /** Runs one command line: transcript, lookup, length and state checks, the command. Package-private for tests. */
  SmtpReply dispatch(SmtpSession session, String line, SessionLog.Entry log) throws IOException {
    return dispatch(session, verb(line), line, log);
  }

  /** {@link #dispatch(SmtpSession, String, SessionLog.Entry)} for a caller that has read the verb already. */
  SmtpReply dispatch(SmtpSession session, String verb, String line, SessionLog.Entry log) throws IOException {
    SmtpReply refused = admit(session, verb, line);
    if (refused != null) {
      return refused;
    }
    try {
      return commands.get(verb).execute(session, args(line));
    } catch (SmtpException e) {
      return e.reply();
    }
  }

  static String verb(String line) {
    int sp = line.indexOf(' ');
    return (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  static String args(String line) {
    int sp = line.indexOf(' ');
    return sp < 0 ? "" : line.substring(sp + 1);
  }

  /** Transcript, lookup, length and state checks: the refusal, or null when the command may run. */
  SmtpReply admit(SmtpSession session, String verb, String line) {
    session.loop().command(verb, line);
    SmtpCommand command = commands.get(verb);
    if (command == null) {
      return SmtpReply.UNRECOGNIZED;
    }
    if (line.length() > SmtpConfig.MAX_COMMAND_LINE && !(command instanceof AuthCommand)) {
      return SmtpReply.LINE_TOO_LONG;
    }
    if (!command.validIn().contains(session.state())) {
      return session.state() == SmtpState.CONNECTED ? SmtpReply.HELO_FIRST : SmtpReply.BAD_SEQUENCE;
    }
    return null;
  }

  static void reply(Connection c, SessionLog.Entry log, SmtpReply reply) throws IOException {
    log.server(reply.toString());
    c.write(reply.toWire());
  }

  @Override
  public String busyReply() {
    return SmtpReply.TOO_MANY_CONNECTIONS.toWire();
  }

  @Override
  public String internalErrorReply() {
    return SmtpReply.INTERNAL_ERROR.toWire();
  }

  @Override
  public String shutdownReply() {
    return SmtpReply.SHUTTING_DOWN.toWire();
  }

  /** The exchange of a real connection. */
  private static final class ConnectionExchange extends ConnectionFacts implements SmtpExchange {
    private final Connection c;
    private final SessionLog.Entry log;

    ConnectionExchange(Connection c, SessionLog.Entry log) {
      super(c);
      this.c = c;
      this.log = log;
    }

    @Override
    public void send(SmtpReply reply) throws IOException {
      reply(c, log, reply);
      c.flush();
    }

    @Override
    public String readLine(int maxLength) throws IOException {
      return c.readLine(maxLength);
    }

    @Override
    public long readData(OutputStream out, long maxBytes) throws IOException {
      return c.input().readDotTerminated(out, maxBytes);
    }

    @Override
    public void readChunk(long size, OutputStream out) throws IOException {
      c.input().readExactly(size, out);
    }

    @Override
    public int startTls(SmtpReply ready) throws IOException {
      reply(c, log, ready);
      int discarded = c.startTls();
      LOG.debug("{} TLS started: {} {}", c.id(), c.tlsProtocol(), c.tlsCipher());
      return discarded;
    }
  }
}
