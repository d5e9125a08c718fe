package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.net.CommandLoop;
import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.ConnectionFacts;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.net.ProtocolHandler;
import dev.fakemail.core.internal.net.TranscriptText;
import dev.fakemail.core.internal.protocol.CommandTable;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The POP3 protocol (RFC 1939, 2449, 2595, 5034) on a connection: greeting, command loop, replies. */
public final class Pop3Server implements ProtocolHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

  /** Lines of a CAPA, LIST or UIDL listing the transcript shows; the rest are counted. */
  static final int TRANSCRIPT_BODY_LINES = 20;

  private final Pop3Config config;
  private final SessionLog sessions;
  private final CommandTable<Pop3Command> commands;

  public Pop3Server(Pop3Config config, SessionLog sessions) {
    this.config = config;
    this.sessions = sessions;
    this.commands = commandTable();
  }

  static CommandTable<Pop3Command> commandTable() {
    return CommandTable.of(List.of(new UserCommand(), new PassCommand(), new AuthCommand(), new StlsCommand(),
        new CapaCommand(), new StatCommand(), new ListCommand(), new UidlCommand(), new RetrCommand(),
        new TopCommand(), new DeleCommand(), new RsetCommand(), new NoopCommand(), new QuitCommand()));
  }

  @Override
  public void serve(Connection c) throws IOException {
    SessionLog.Entry log = sessions.open(c.id(), c.listener(), c.clientAddress());
    if (c.isTls()) {
      log.tls(c.tlsProtocol(), c.tlsCipher());
    }
    Pop3Session session = new Pop3Session(new ConnectionExchange(c, log), config);
    try {
      write(c, log, Pop3Reply.ok(config.hostname() + " fakemail POP3 ready"));
      c.flush();
      Commands commands = new Commands(c, session, log);
      commands.loop.run(c, commands, CommandLoop.replies(reply -> write(c, log, reply), Pop3Reply.TOO_MANY_ERRORS));
    } finally {
      session.close();
      log.ended();
    }
  }

  /** POP3's error rule: every {@code -ERR} counts toward the error limit; QUIT ends the session. */
  private static CommandLoop.Rule<Pop3Reply> rule(Pop3Session session) {
    return new CommandLoop.Rule<>() {
      @Override
      public boolean countsAsError(Pop3Reply reply) {
        return !reply.ok();
      }

      @Override
      public boolean endsSession(Pop3Reply reply) {
        return session.quit();
      }
    };
  }

  /** Reads and runs the next command line; null at the end of input. STLS answers before the handshake: the next line is read. */
  private final class Commands implements CommandLoop.Commands<Pop3Reply> {
    private final Connection c;
    private final Pop3Session session;
    private final SessionLog.Entry log;
    private final CommandLoop<Pop3Reply> loop;
    private String user;

    Commands(Connection c, Pop3Session session, SessionLog.Entry log) {
      this.c = c;
      this.session = session;
      this.log = log;
      this.loop = new CommandLoop<>(rule(session), config.maxErrors(), CommandLoop.Masking.POP3, log::client);
    }

    @Override
    public Pop3Reply next() throws IOException {
      while (true) {
        Pop3Reply reply;
        try {
          String line = c.readCommandLine(Pop3Config.MAX_LINE);
          if (line == null) {
            return null;
          }
          reply = dispatch(session, line, loop);
        } catch (LineTooLongException e) {
          loop.lineTooLong(Pop3Config.MAX_LINE);
          reply = Pop3Reply.LINE_TOO_LONG;
        }
        if (session.user() != null && session.user() != user) {
          user = session.user();
          log.authUser(user);
        }
        if (reply != null) {
          return reply;
        }
      }
    }
  }

  private Pop3Reply dispatch(Pop3Session s, String line, CommandLoop<Pop3Reply> loop) throws IOException {
    int sp = line.indexOf(' ');
    String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
    String args = sp < 0 ? "" : line.substring(sp + 1);
    loop.command(verb, line);
    Pop3Command command = commands.get(verb);
    if (command == null) {
      return Pop3Reply.UNKNOWN_COMMAND;
    }
    if (!command.validIn().contains(s.state())) {
      return Pop3Reply.BAD_STATE;
    }
    return command.execute(s, args);
  }

  /**
   * Sends a reply; the transcript gets its status line and, for a multi-line reply, the lines of a
   * short listing (CAPA, LIST, UIDL: at most {@value #TRANSCRIPT_BODY_LINES}) or the size of a message
   * (RETR, TOP), never its octets.
   */
  private static void write(Connection c, SessionLog.Entry log, Pop3Reply reply) throws IOException {
    String line = reply.statusLine();
    c.write(line);
    String status = line.substring(0, line.length() - 2);
    if (reply.body() == null) {
      log.server(status);
      return;
    }
    DotStuffingOutputStream out = new DotStuffingOutputStream(c.output());
    reply.body().writeTo(out);
    out.finish();
    if (reply.body() instanceof Pop3Reply.Lines l) {
      log.server(() -> TranscriptText.bounded(status + listing(l.lines())));
    } else {
      long octets = out.count();
      log.server(() -> status + " | <" + octets + " octets>");
    }
  }

  private static String listing(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(lines.size(), TRANSCRIPT_BODY_LINES);
    for (int i = 0; i < shown; i++) {
      sb.append(" | ").append(lines.get(i));
    }
    if (lines.size() > shown) {
      sb.append(" | [").append(lines.size() - shown).append(" more lines]");
    }
    return sb.append(" | .").toString();
  }

  @Override
  public String busyReply() {
    return Pop3Reply.BUSY.statusLine();
  }

  @Override
  public String internalErrorReply() {
    return Pop3Reply.INTERNAL_ERROR.statusLine();
  }

  @Override
  public String shutdownReply() {
    return Pop3Reply.SHUTTING_DOWN.statusLine();
  }

  private static final class ConnectionExchange extends ConnectionFacts implements Pop3Exchange {
    private final Connection c;
    private final SessionLog.Entry log;

    ConnectionExchange(Connection c, SessionLog.Entry log) {
      super(c);
      this.c = c;
      this.log = log;
    }

    /** The client's answer is a SASL response: the transcript shows {@value TranscriptText#HIDDEN}. */
    @Override
    public String continuation(String text) throws IOException {
      log.server("+ " + text);
      c.write("+ " + text + "\r\n");
      c.flush();
      String answer = c.readLine(Pop3Config.MAX_LINE);
      if (answer != null) {
        log.client(TranscriptText.HIDDEN);
      }
      return answer;
    }

    @Override
    public int startTls(Pop3Reply ready) throws IOException {
      write(c, log, ready);
      int discarded = c.startTls();
      log.tls(c.tlsProtocol(), c.tlsCipher());
      if (discarded > 0) {
        log.server("[" + discarded + " octets pipelined behind STLS discarded]");
      }
      LOG.debug("{} TLS started: {} {}; {} plaintext octets discarded", c.id(), c.tlsProtocol(), c.tlsCipher(), discarded);
      return discarded;
    }





    @Override
    public void faultFired(dev.fakemail.core.Fault f) {
      log.fault(f);
    }
  }
}
