package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.Listener;
import dev.fakemail.core.SessionRecord;
import java.time.Instant;
import java.util.List;

/**
 * One SMTP, POP3 or IMAP session with its transcript (credentials already masked and message data
 * given by size by the session log).
 */
public record SessionJson(String id, String listener, String clientAddress, Instant startedAt, Instant endedAt,
                          String helo, String authUser, boolean tls, String tlsProtocol, String tlsCipher,
                          List<TranscriptLineJson> transcript, List<String> messageIds) {
  /** One line of the conversation: {@code C} from the client, {@code S} from the server. */
  public record TranscriptLineJson(Instant at, String direction, String text) {}

  public static SessionJson of(SessionRecord r) {
    return new SessionJson(r.id(), r.listener().id(), r.clientAddress(), r.startedAt(), r.endedAt(), r.helo(),
        r.authUser(), r.tls(), r.tlsProtocol(), r.tlsCipher(),
        r.transcript().stream().map(l -> new TranscriptLineJson(l.at(), l.direction().name(), l.text())).toList(),
        r.messageIds());
  }

  /** The record again, as the client hands it out. */
  public SessionRecord toSessionRecord() {
    return new SessionRecord(id, Listener.fromId(listener), clientAddress, startedAt, endedAt, orEmpty(helo),
        orEmpty(authUser), orEmpty(tlsProtocol), orEmpty(tlsCipher),
        transcript == null ? List.of() : transcript.stream().map(l -> new SessionRecord.TranscriptLine(l.at(),
            SessionRecord.TranscriptLine.Direction.valueOf(l.direction()), l.text())).toList(),
        messageIds == null ? List.of() : messageIds);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
