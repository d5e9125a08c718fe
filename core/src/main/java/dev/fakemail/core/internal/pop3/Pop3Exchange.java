package dev.fakemail.core.internal.pop3;

import java.io.IOException;

/** What commands may do to the connection beyond returning a reply: SASL continuations and STLS. */
interface Pop3Exchange {
  /** Sends a continuation ({@code + text}) and reads the client's answer line, or null at end of stream. */
  String continuation(String text) throws IOException;

  /** Sends the reply, then upgrades to TLS; returns the plaintext octets discarded. */
  int startTls(Pop3Reply ready) throws IOException;

  boolean tlsAvailable();

  boolean isTls();

  /** The listener id ({@code pop3}, {@code pop3s}), for fault rules. */
  default String listenerId() {
    return null;
  }

  default String clientAddress() {
    return null;
  }

  /** A fault rule fired in this session: the transcript notes it. */
  default void faultFired(dev.fakemail.core.Fault f) {
  }
}
