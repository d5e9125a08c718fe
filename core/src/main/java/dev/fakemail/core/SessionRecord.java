package dev.fakemail.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMTP session as it happened: who connected, what was said (credentials masked) and which
 * messages it delivered. A snapshot; a session still open shows what it has done so far.
 *
 * @param endedAt when the connection closed, or null while it is open
 */
public record SessionRecord(String id, Listener listener, String clientAddress, Instant startedAt, Instant endedAt,
                            String helo, String authUser, String tlsProtocol, List<TranscriptLine> transcript,
                            List<String> messageIds) {
  public SessionRecord {
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
