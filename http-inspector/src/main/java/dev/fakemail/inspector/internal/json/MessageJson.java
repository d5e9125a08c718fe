package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.MailAddress;
import dev.fakemail.core.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The whole parsed message. */
public record MessageJson(String id, Instant receivedAt, EnvelopeJson envelope, List<AddressJson> from,
                          List<AddressJson> to, List<AddressJson> cc, List<String> bcc, List<AddressJson> replyTo,
                          String subject, int size, String listener, String messageId, Instant date,
                          List<HeaderJson> headers, String text, String html, List<AttachmentJson> attachments,
                          SessionInfoJson session, String parseError,
                          AuthenticationJson authentication) {
  public static MessageJson of(ReceivedMessage m, String authservId) {
    List<AttachmentJson> atts = new ArrayList<>();
    List<Attachment> list = m.attachments();
    for (int i = 0; i < list.size(); i++) {
      Attachment a = list.get(i);
      atts.add(new AttachmentJson(i, a.filename(), a.contentType(), a.size(), a.contentId(), a.inline()));
    }
    return new MessageJson(m.id(), m.receivedAt(), EnvelopeJson.full(m.envelope()), AddressJson.of(m.from()),
        AddressJson.of(m.to()), AddressJson.of(m.cc()), m.bcc().stream().map(MailAddress::address).toList(), AddressJson.of(m.replyTo()), m.subject(), m.size(),
        m.session().listener().id(), m.messageId(), m.date().orElse(null),
        m.headers().stream().map(h -> new HeaderJson(h.name(), h.value())).toList(), m.text(), m.html(), atts,
        SessionInfoJson.of(m.session()), m.parseError().orElse(null),
        AuthenticationJson.of(m.authentication(), authservId));
  }
}
