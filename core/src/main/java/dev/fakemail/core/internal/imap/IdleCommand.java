package dev.fakemail.core.internal.imap;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * IDLE (RFC 2177): changes to the selected folder are pushed at once, woken by the folder's events
 * (no polling). A helper thread waits for the client's {@code DONE} while the session thread writes
 * the updates; only the helper reads and only the session thread writes.
 */
final class IdleCommand implements ImapCommand {
  /**
   * How long a client may idle without a word: clients re-issue IDLE every 29 minutes (RFC 2177), and
   * RFC 3501 §5.4 asks for an autologout timer of at least 30 minutes, whatever the idle timeout.
   */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  @Override public Set<String> names() { return Set.of("IDLE"); }

  @Override public Set<ImapState> validIn() { return ImapCommand.AUTHENTICATED; }

  @Override
  public ImapResult execute(ImapSession s, ImapRequest r) throws IOException, ImapException {
    r.args().end();
    s.write("+ idling\r\n");
    s.sendUpdates(true, false);
    s.connection().flush();
    AtomicReference<Object> done = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      Object result;
      try {
        String line = s.connection().readLine(ImapConfig.MAX_LINE, IDLE_TIMEOUT);
        result = line == null ? new java.io.EOFException("connection closed during IDLE") : line;
      } catch (IOException e) {
        result = e;
      }
      done.set(result);
      s.wake();
    }, "fakemail-imap-idle-" + s.connection().id());
    reader.setDaemon(true);
    reader.start();
    try {
      while (done.get() == null) {
        s.awaitWake(60_000);
        s.sendUpdates(true, false);
        s.connection().flush();
      }
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.connection().close();
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
