package dev.fakemail.core.internal.net;

import dev.fakemail.core.Listener;

/**
 * The half of a protocol's exchange (SMTP, POP3, IMAP) that only tells facts about its connection,
 * on a thread or on the event loop: a base class, so each exchange implements only its own I/O.
 */
public abstract class ConnectionFacts {
  private final ClientConnection connection;

  protected ConnectionFacts(ClientConnection connection) {
    this.connection = connection;
  }

  public boolean tlsAvailable() {
    return connection.tlsAvailable();
  }

  public boolean isTls() {
    return connection.isTls();
  }

  public String tlsProtocol() {
    return connection.tlsProtocol();
  }

  public String tlsCipher() {
    return connection.tlsCipher();
  }

  public String clientAddress() {
    return connection.clientAddress();
  }

  public Listener listener() {
    return connection.listener();
  }

  public String listenerId() {
    return connection.listener().id();
  }

  public String sessionId() {
    return connection.id();
  }
}
