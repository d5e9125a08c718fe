package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.internal.net.ConnectionFacts;
import dev.fakemail.core.internal.net.CommandLoop;
import dev.fakemail.core.internal.net.DotTerminatedReader;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.net.LoopConnection;
import dev.fakemail.core.internal.net.LoopSession;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An SMTP session on its listener's event loop. The common path runs here, command by command as
 * lines arrive: EHLO, HELO, MAIL, RCPT, DATA (read as it arrives; the message is stored before the
 * 250 is written), RSET, NOOP, VRFY, EXPN, HELP, QUIT, with the same dispatch, replies, transcript and
 * error count as on a thread. A command that {@linkplain SmtpCommand#blocks() blocks} goes to a
 * thread with the rest of the session: AUTH (it waits for the client between its replies), STARTTLS
 * (the handshake), BDAT (the chunk follows the command); so does any command once a fault rule is set
 * (a rule may delay), and a delivery that may wait on user code. DATA blocks too, but here its
 * octets are read as they arrive.
 */
final class SmtpLoopSession implements LoopSession {
  private final SmtpServer server;
  private final LoopConnection connection;
  private final SessionLog.Entry log;
  private final SmtpSession session;
  private DotTerminatedReader data;
  private BoundedBuffer body;
  private final CommandLoop.Replies<SmtpReply> replies = CommandLoop.replies(this::reply, SmtpReply.TOO_MANY_ERRORS);

  SmtpLoopSession(SmtpServer server, LoopConnection connection, SessionLog.Entry log) {
    this.server = server;
    this.connection = connection;
    this.log = log;
    this.session = server.newSession(new LoopExchange(connection), log);
  }

  void reply(SmtpReply reply) {
    log.server(reply.toString());
    connection.write(reply.toWire());
  }

  @Override
  public void onInput(LoopConnection c) throws IOException {
    while (true) {
      if (data != null) {
        if (!c.readData(data)) {
          return;
        }
        long size = data.total();
        BoundedBuffer message = body;
        SmtpSession.Transaction t = session.transaction();
        data = null;
        body = null;
        if (!server.mayRunOnLoop()) {
          handOff(() -> DataCommand.finish(session, t, message, size));
          return;
        }
        if (!answer(DataCommand.finish(session, t, message, size))) {
          return;
        }
        continue;
      }
      String line;
      try {
        line = c.readLine(SmtpConfig.MAX_AUTH_LINE);
      } catch (LineTooLongException e) {
        if (!answer(SmtpServer.lineTooLong(session))) {
          return;
        }
        continue;
      }
      if (line == null) {
        return;
      }
      String verb = SmtpServer.verb(line);
      SmtpCommand command = server.command(verb);
      boolean data = command instanceof DataCommand; // blocks, but the loop reads its octets as they arrive
      if (!server.mayRunOnLoop() || command != null && command.blocks() && !data) {
        handOff(() -> server.dispatch(session, verb, line, log));
        return;
      }
      if (!answer(data ? startData(line) : server.dispatch(session, verb, line, log))) {
        return;
      }
    }
  }

  /** DATA's checks; when they pass, 354 and the data phase (returns null: no reply yet). */
  private SmtpReply startData(String line) throws IOException {
    SmtpReply refused = server.admit(session, "DATA", line);
    if (refused == null) {
      try {
        refused = DataCommand.begin(session, SmtpServer.args(line));
      } catch (SmtpException e) {
        refused = e.reply();
      }
    }
    if (refused != null) {
      return refused;
    }
    reply(DataCommand.START);
    long max = session.config().maxMessageSize();
    body = new BoundedBuffer(max, session.config().account());
    data = new DotTerminatedReader(body, max);
    return null;
  }

  private boolean answer(SmtpReply reply) throws IOException {
    if (!session.loop().answer(reply, replies)) {
      connection.closeAfterReplies();
      return false;
    }
    return true;
  }

  private void handOff(SmtpServer.FirstReply first) {
    connection.handOff(c -> server.continueOnThread(c, session, log, first));
  }

  @Override
  public boolean waitingForCommand() {
    return data == null;
  }

  @Override
  public void ended() {
    if (body != null) { // ended in the middle of DATA
      body.release();
    }
    log.ended();
  }

  /** The loop's side of the exchange: facts about the connection; what blocks is never asked of it. */
  private static final class LoopExchange extends ConnectionFacts implements SmtpExchange {
    LoopExchange(LoopConnection c) {
      super(c);
    }

    private static IllegalStateException blocking() {
      return new IllegalStateException("blocking I/O on the event loop: the session should have moved to a thread");
    }

    @Override
    public void send(SmtpReply reply) {
      throw blocking();
    }

    @Override
    public String readLine(int maxLength) {
      throw blocking();
    }

    @Override
    public long readData(OutputStream out, long maxBytes) {
      throw blocking();
    }

    @Override
    public void readChunk(long size, OutputStream out) {
      throw blocking();
    }

    @Override
    public int startTls(SmtpReply ready) {
      throw blocking();
    }
  }
}
