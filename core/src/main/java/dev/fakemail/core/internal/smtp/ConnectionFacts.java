package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.net.ClientConnection;

/** The half of an exchange that only tells facts about its connection, on a thread or on the event loop. */
abstract class ConnectionFacts implements SmtpExchange {
  private final ClientConnection c;

  ConnectionFacts(ClientConnection c) {
    this.c = c;
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
  public String tlsProtocol() {
    return c.tlsProtocol();
  }

  @Override
  public String tlsCipher() {
    return c.tlsCipher();
  }

  @Override
  public String clientAddress() {
    return c.clientAddress();
  }

  @Override
  public Listener listener() {
    return c.listener();
  }

  @Override
  public String sessionId() {
    return c.id();
  }
}
