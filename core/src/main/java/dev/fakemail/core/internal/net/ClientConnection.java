package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;

/** What a protocol may ask of a client connection, whether it is served on a thread or on the event loop. */
public interface ClientConnection {
  String id();

  Listener listener();

  /** The client's IP address as text. */
  String clientAddress();

  /** Whether the listener could start TLS on this connection (STARTTLS, STLS). */
  boolean tlsAvailable();

  boolean isTls();

  /** The TLS protocol in use, or empty. */
  String tlsProtocol();

  /** The TLS cipher suite in use, or empty. */
  String tlsCipher();
}
