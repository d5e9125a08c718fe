package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.protocol.BasicCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IDLE (RFC 2177): changes to the selected folder are pushed at once, woken by the folder's events
 * (no polling). A helper thread waits for the client's {@code DONE} while the session thread writes
 * the updates; only the helper reads and only the session thread writes.
 */
final class IdleCommand extends BasicCommand<ImapState> implements ImapCommand {
  IdleCommand() {
    super(ImapState.LOGGED_IN, "IDLE");
    blocking();
  }

  /**
   * How long a client may idle without a word: clients re-issue IDLE every 29 minutes (RFC 2177), and
   * RFC 3501 §5.4 asks for an autologout timer of at least 30 minutes, whatever the idle timeout.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    r.args().end();
    s.write("+ idling\r\n");
    s.sendUpdates(true, false);
    s.exchange().flush();
    AtomicReference<Object> done = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      Object result;
      try {
        String line = s.exchange().readLine(ImapConfig.MAX_LINE, IDLE_TIMEOUT);
        result = line == null ? new java.io.EOFException("connection closed during IDLE") : line;
      } catch (IOException e) {
        result = e;
      }
      done.set(result);
      s.wake();
    }, "fakemail-imap-idle-" + s.exchange().sessionId());
    reader.setDaemon(true);
    reader.start();
    try {
      while (done.get() == null) {
        s.awaitWake(60_000);
        s.sendUpdates(true, false);
        s.exchange().flush();
      }
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.exchange().close();
      throw new IOException("interrupted during IDLE");
    }
    Object result = done.get();
    if (result instanceof IOException e) {
      throw e;
    }
    s.log().client(dev.fakemail.core.internal.net.TranscriptText.imapCommand((String) result));
    if (!((String) result).trim().toUpperCase(Locale.ROOT).equals("DONE")) {
      return ImapResult.bad("Expected DONE to end IDLE");
    }
    return ImapResult.ok("IDLE terminated");
  }
}
