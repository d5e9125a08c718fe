package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.ReceivedMessage;
import java.time.Instant;
import java.util.List;

/** One entry of a message list. */
public record MessageSummaryJson(String id, Instant receivedAt, EnvelopeJson envelope, List<AddressJson> from,
                                 List<AddressJson> to, List<AddressJson> cc, String subject, int size,
                                 int attachments, String listener) {
  public static MessageSummaryJson of(ReceivedMessage m) {
    return new MessageSummaryJson(m.id(), m.receivedAt(), EnvelopeJson.summary(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.subject(), m.size(), m.attachments().size(),
        m.session().listener().id());
  }
}
