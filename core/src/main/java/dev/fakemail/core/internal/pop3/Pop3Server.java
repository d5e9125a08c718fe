package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.net.Connection;
import dev.fakemail.core.internal.net.LineTooLongException;
import dev.fakemail.core.internal.net.ProtocolHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The POP3 protocol (RFC 1939, 2449, 2595, 5034) on a connection: greeting, command loop, replies. */
public final class Pop3Server implements ProtocolHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

  private final Pop3Config config;
  private final Map<String, Pop3Command> commands;

  public Pop3Server(Pop3Config config) {
    this.config = config;
    Map<String, Pop3Command> m = new HashMap<>();
    for (Pop3Command c : List.of(new UserCommand(), new PassCommand(), new AuthCommand(), new StlsCommand(),
        new CapaCommand(), new StatCommand(), new ListCommand(), new UidlCommand(), new RetrCommand(),
        new TopCommand(), new DeleCommand(), new RsetCommand(), new NoopCommand(), new QuitCommand())) {
      m.put(c.verb(), c);
    }
    this.commands = Map.copyOf(m);
  }

  @Override
  public void serve(Connection c) throws IOException {
    Pop3Session session = new Pop3Session(new ConnectionExchange(c), config);
    try {
      write(c, Pop3Reply.ok(config.hostname() + " fakemail POP3 ready"));
      c.flush();
      int errors = 0;
      while (!session.quit()) {
        String line;
        Pop3Reply reply;
        try {
          line = c.readCommandLine(Pop3Config.MAX_LINE);
          if (line == null) {
            return;
          }
          reply = dispatch(session, line);
        } catch (LineTooLongException e) {
          reply = Pop3Reply.LINE_TOO_LONG;
        }
        if (reply == null) { // STLS: answered before the handshake
          continue;
        }
        write(c, reply);
        if (!reply.ok() && ++errors >= config.maxErrors()) {
          write(c, Pop3Reply.TOO_MANY_ERRORS);
          c.flush();
          return;
        }
        c.flushIfNoPipelinedInput();
      }
      c.flush();
    } finally {
      session.close();
    }
  }

  private Pop3Reply dispatch(Pop3Session s, String line) throws IOException {
    int sp = line.indexOf(' ');
    String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
    String args = sp < 0 ? "" : line.substring(sp + 1);
    if (LOG.isTraceEnabled()) {
      LOG.trace("C: {}", verb.equals("PASS") || verb.equals("AUTH") ? verb + " ****" : line);
    }
    Pop3Command command = commands.get(verb);
    if (command == null) {
      return Pop3Reply.UNKNOWN_COMMAND;
    }
    if (!command.validIn().contains(s.state())) {
      return Pop3Reply.BAD_STATE;
    }
    return command.execute(s, args);
  }

  private static void write(Connection c, Pop3Reply reply) throws IOException {
    LOG.trace("S: {}", reply);
    c.write(reply.statusLine());
    if (reply.body() != null) {
      DotStuffingOutputStream out = new DotStuffingOutputStream(c.output());
      reply.body().writeTo(out);
      out.finish();
    }
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

  private static final class ConnectionExchange implements Pop3Exchange {
    private final Connection c;

    ConnectionExchange(Connection c) {
      this.c = c;
    }

    @Override
    public String continuation(String text) throws IOException {
      c.write("+ " + text + "\r\n");
      c.flush();
      return c.readLine(Pop3Config.MAX_LINE);
    }

    @Override
    public int startTls(Pop3Reply ready) throws IOException {
      write(c, ready);
      int discarded = c.startTls();
      LOG.debug("{} TLS started: {} {}; {} plaintext octets discarded", c.id(), c.tlsProtocol(), c.tlsCipher(), discarded);
      return discarded;
    }

    @Override
    public boolean tlsAvailable() {
      return c.tlsAvailable();
    }

    @Override
    public boolean isTls() {
      return c.isTls();
    }

    @Override
    public String listenerId() {
      return c.listener().id();
    }

    @Override
    public String clientAddress() {
      return c.clientAddress();
    }
  }
}
