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
 */
public record SessionInfo(String sessionId, Listener listener, String clientAddress, String helo,
                          String authUser, String tlsProtocol, String tlsCipher) {
  public SessionInfo {
    helo = helo == null ? "" : helo;
    authUser = authUser == null ? "" : authUser;
    tlsProtocol = tlsProtocol == null ? "" : tlsProtocol;
    tlsCipher = tlsCipher == null ? "" : tlsCipher;
  }

  public boolean tls() {
    return !tlsProtocol.isEmpty();
  }
}
