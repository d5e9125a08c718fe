package dev.fakemail.core.internal.net;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import java.io.IOException;
import java.util.Optional;

/** One protocol's side of the connection layer: serves a connection from greeting to close. */
public interface ProtocolHandler {
  /** Serves the connection until the client quits or the connection fails. Runs on its own thread. */
  void serve(Connection connection) throws IOException;

  /**
   * A session for this connection on the listener's event loop, with its greeting written; or null
   * to serve the connection on a thread of its own ({@link #serve}), which is what protocols without
   * an event-loop session do. Runs on the loop thread: must not block.
   */
  default LoopSession openOnLoop(LoopConnection connection) throws IOException {
    return null;
  }

  /** The line written to a connection refused because the listener is at its connection limit. */
  String busyReply();

  /** The line written to a connection that fails unexpectedly, before it is closed. */
  String internalErrorReply();

  /** The line written to connections still open when the server stops. */
  String shutdownReply();

  /**
   * The fault rule that fires at the CONNECT stage for this client, if any. Checked before any TLS
   * handshake: DISCONNECT and TLS_FAIL close the socket, DELAY holds it, and REPLY is handed to
   * {@link #serve} through {@link Connection#connectFault()}.
   */
  default Optional<Fault> connectFault(Listener listener, String clientAddress) {
    return Optional.empty();
  }
}
