package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.Envelope;
import java.util.List;
import java.util.Map;

/**
 * The SMTP envelope. A summary carries {@code from} and {@code to}; the whole message adds the MAIL
 * FROM parameters and each recipient with its parameters.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvelopeJson(String from, List<String> to, Map<String, String> parameters,
                           List<RecipientJson> recipients) {
  public static EnvelopeJson summary(Envelope e) {
    return new EnvelopeJson(e.from(), e.recipientAddresses(), null, null);
  }

  public static EnvelopeJson full(Envelope e) {
    return new EnvelopeJson(e.from(), e.recipientAddresses(), e.fromParameters(),
        e.recipients().stream().map(r -> new RecipientJson(r.address(), r.parameters())).toList());
  }

  /** Back to the core value; recipients with parameters when present, else the plain list. */
  public Envelope toEnvelope() {
    List<Envelope.Recipient> rcpts = recipients != null
        ? recipients.stream().map(r -> new Envelope.Recipient(r.address(), r.parameters())).toList()
        : (to == null ? List.<String>of() : to).stream().map(Envelope.Recipient::of).toList();
    return new Envelope(from == null ? "" : from, parameters == null ? Map.of() : parameters, rcpts);
  }
}
