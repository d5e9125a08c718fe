package dev.fakemail.core.internal.net;

import java.io.IOException;

/**
 * A protocol session run by its listener's event loop: it holds no thread while it waits for the
 * client. Its methods run on the loop thread and must never block; what would block (a TLS
 * handshake, a fault's delay, a reply that waits for the next line) is done after
 * {@link LoopConnection#handOff handing the connection to a thread}.
 */
public interface LoopSession {
  /** Handles what the client sent: consumes the connection's input, writes replies. */
  void onInput(LoopConnection connection) throws IOException;

  /** Whether the session waits for a command (not in the middle of one): a graceful stop closes it at once. */
  boolean waitingForCommand();

  /** The session ended on the loop (quit, closed, timed out, server stop). Not called after a hand-off. */
  void ended();
}
