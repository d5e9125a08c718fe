package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.SessionRecord;
import java.time.Instant;
import java.util.List;

/** One SMTP session with its transcript (credentials already masked by the session log). */
public record SessionJson(String id, String listener, String clientAddress, Instant startedAt, Instant endedAt,
                          String helo, String authUser, boolean tls, String tlsProtocol,
                          List<TranscriptLineJson> transcript, List<String> messageIds) {
  /** One line of the conversation: {@code C} from the client, {@code S} from the server. */
  public record TranscriptLineJson(Instant at, String direction, String text) {}

  public static SessionJson of(SessionRecord r) {
    return new SessionJson(r.id(), r.listener().id(), r.clientAddress(), r.startedAt(), r.endedAt(), r.helo(),
        r.authUser(), r.tls(), r.tlsProtocol(),
        r.transcript().stream().map(l -> new TranscriptLineJson(l.at(), l.direction().name(), l.text())).toList(),
        r.messageIds());
  }
}
