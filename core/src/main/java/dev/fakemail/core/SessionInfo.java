package dev.fakemail.core;

/**
 * Facts about the SMTP session that delivered a message.
 *
 * @param sessionId the id of the session, as in the logs and in {@link SessionRecord}
 * @param listener the listener that accepted the connection
 * @param clientAddress the client's IP address
 * @param helo the name given in EHLO or HELO
 * @param authUser the user authenticated with AUTH, or an empty string
 * @param tlsProtocol the TLS protocol (TLSv1.3), or an empty string for plaintext
 * @param tlsCipher the TLS cipher suite, or an empty string for plaintext
 * @param provider for a message sent through a relay service's HTTP API on the HTTP port
 *     ({@code sendgrid}, {@code ses}, ...), that provider's name (then {@code listener} is
 *     {@link Listener#SUBMISSION}: an authenticated submission, and {@code authUser} the API key id,
 *     never the secret); an empty string for SMTP
 */
public record SessionInfo(String sessionId, Listener listener, String clientAddress, String helo,
                          String authUser, String tlsProtocol, String tlsCipher, String provider) {
  public SessionInfo {
    helo = helo == null ? "" : helo;
    authUser = authUser == null ? "" : authUser;
    tlsProtocol = tlsProtocol == null ? "" : tlsProtocol;
    tlsCipher = tlsCipher == null ? "" : tlsCipher;
    provider = provider == null ? "" : provider;
  }

  /** An SMTP session's facts (no provider). */
  public SessionInfo(String sessionId, Listener listener, String clientAddress, String helo,
                     String authUser, String tlsProtocol, String tlsCipher) {
    this(sessionId, listener, clientAddress, helo, authUser, tlsProtocol, tlsCipher, "");
  }

  /** True when the message came through a provider's HTTP API rather than SMTP. */
  public boolean viaProvider() {
    return !provider.isEmpty();
  }

  public boolean tls() {
    return !tlsProtocol.isEmpty();
  }
}
