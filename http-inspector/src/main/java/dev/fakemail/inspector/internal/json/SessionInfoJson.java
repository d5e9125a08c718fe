package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionInfo;

/**
 * The session facts of one message; {@code provider} names the relay service whose HTTP API it came
 * through ({@code sendgrid}, {@code ses}, ...), empty for SMTP.
 */
public record SessionInfoJson(String sessionId, String listener, String clientAddress, String helo, String authUser,
                              boolean tls, String tlsProtocol, String tlsCipher, String provider) {
  public static SessionInfoJson of(SessionInfo s) {
    return new SessionInfoJson(s.sessionId(), s.listener().id(), s.clientAddress(), s.helo(), s.authUser(), s.tls(),
        s.tlsProtocol(), s.tlsCipher(), s.provider());
  }

  public SessionInfo toSessionInfo() {
    Listener l = listener == null ? Listener.SMTP : Listener.fromId(listener);
    return new SessionInfo(sessionId == null ? "" : sessionId, l, clientAddress == null ? "" : clientAddress, helo,
        authUser, tlsProtocol, tlsCipher, provider);
  }
}
