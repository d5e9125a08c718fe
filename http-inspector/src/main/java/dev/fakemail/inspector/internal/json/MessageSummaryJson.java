package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.ReceivedMessage;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a message list. With {@code include=raw} it also carries what a client needs to
 * rebuild the whole message without asking again: the full envelope, the session, the
 * authentication verdict and the exact bytes ({@code raw}, base64).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageSummaryJson(String id, Instant receivedAt, EnvelopeJson envelope, List<AddressJson> from,
                                 List<AddressJson> to, List<AddressJson> cc, String subject, int size,
                                 int attachments, String listener, SessionInfoJson session,
                                 AuthenticationJson authentication, byte[] raw) {
  public static MessageSummaryJson of(ReceivedMessage m) {
    return new MessageSummaryJson(m.id(), m.receivedAt(), EnvelopeJson.summary(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.subject(), m.size(), m.attachments().size(),
        m.session().listener().id(), null, null, null);
  }

  /** The summary with everything needed to rebuild the message ({@code include=raw}). */
  public static MessageSummaryJson withRaw(ReceivedMessage m, String authservId) {
    return new MessageSummaryJson(m.id(), m.receivedAt(), EnvelopeJson.full(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.subject(), m.size(), m.attachments().size(),
        m.session().listener().id(), SessionInfoJson.of(m.session()), AuthenticationJson.of(m.authentication(), authservId),
        m.raw());
  }
}
