package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.Authentication;
import dev.fakemail.core.ReceivedMessage;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a message list, with each sender-authentication method's verdict ({@code verdicts}:
 * what the web page's badges show). With {@code include=raw} it also carries what a client needs to
 * rebuild the whole message without asking again: the full envelope, the session, the
 * authentication verdict and the exact bytes ({@code raw}, base64).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageSummaryJson(String id, Instant receivedAt, EnvelopeJson envelope, List<AddressJson> from,
                                 List<AddressJson> to, List<AddressJson> cc, String subject, int size,
                                 int attachments, String listener, VerdictsJson verdicts, SessionInfoJson session,
                                 AuthenticationJson authentication, byte[] raw) {

  /** The SPF, DKIM and DMARC verdicts ({@code pass fail softfail neutral none temperror permerror}). */
  public record VerdictsJson(String spf, String dkim, String dmarc) {
    static VerdictsJson of(Authentication a) {
      return new VerdictsJson(a.spf().result().keyword(), a.dkimResult().keyword(), a.dmarc().result().keyword());
    }
  }

  public static MessageSummaryJson of(ReceivedMessage m) {
    return new MessageSummaryJson(m.id(), m.receivedAt(), EnvelopeJson.summary(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.subject(), m.size(), m.attachments().size(),
        m.session().listener().id(), VerdictsJson.of(m.authentication()), null, null, null);
  }

  /** The summary with everything needed to rebuild the message ({@code include=raw}). */
  public static MessageSummaryJson withRaw(ReceivedMessage m, String authservId) {
    return new MessageSummaryJson(m.id(), m.receivedAt(), EnvelopeJson.full(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.subject(), m.size(), m.attachments().size(),
        m.session().listener().id(), VerdictsJson.of(m.authentication()), SessionInfoJson.of(m.session()),
        AuthenticationJson.of(m.authentication(), authservId), m.raw());
  }
}
