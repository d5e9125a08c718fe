package dev.fakemail.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP, POP3 or IMAP session as it happened: who connected, what was said (credentials masked,
 * message data and IMAP literals given by their size) and, for SMTP, which messages it delivered. A
 * snapshot; a session still open shows what it has done so far.
 *
 * @param endedAt when the connection closed, or null while it is open
 * @param helo the name given in EHLO or HELO (SMTP), else an empty string
 * @param authUser the user who logged in (SMTP AUTH; POP3 USER/PASS or AUTH; IMAP LOGIN or
 *     AUTHENTICATE), or an empty string
 * @param tlsProtocol the TLS protocol (implicit or after STARTTLS/STLS), or an empty string
 * @param tlsCipher the TLS cipher suite, or an empty string
 * @param messageIds the messages an SMTP session delivered; empty for POP3 and IMAP
 */
public record SessionRecord(String id, Listener listener, String clientAddress, Instant startedAt, Instant endedAt,
                            String helo, String authUser, String tlsProtocol, String tlsCipher,
                            List<TranscriptLine> transcript,
                            List<String> messageIds) {
  public SessionRecord {
    tlsCipher = tlsCipher == null ? "" : tlsCipher;
    transcript = List.copyOf(transcript);
    messageIds = List.copyOf(messageIds);
  }

  public Optional<Instant> ended() {
    return Optional.ofNullable(endedAt);
  }

  public boolean tls() {
    return tlsProtocol != null && !tlsProtocol.isEmpty();
  }

  /** One line of the conversation. {@code C} lines came from the client, {@code S} from the server. */
  public record TranscriptLine(Instant at, Direction direction, String text) {
    public enum Direction { C, S }

    @Override
    public String toString() {
      return direction + ": " + text;
    }
  }
}
