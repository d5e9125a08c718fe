package dev.fakemail.inspector.internal.json;

import dev.fakemail.core.DeliveryAttempt;
import java.time.Instant;
import java.util.Locale;

/** One relay attempt of the delivery log; {@code outcome} is delivered, deferred or bounced. */
public record DeliveryJson(Instant time, String messageId, String sender, String recipient, String host, String reply,
                           String outcome, int attempt) {
  public static DeliveryJson of(DeliveryAttempt a) {
    return new DeliveryJson(a.time(), a.messageId(), a.sender(), a.recipient(), a.host(), a.reply(),
        a.outcome().name().toLowerCase(Locale.ROOT), a.attempt());
  }

  /** The core value (the client's side of the wire). */
  public DeliveryAttempt toDeliveryAttempt() {
    return new DeliveryAttempt(time, messageId, sender, recipient, host, reply,
        DeliveryAttempt.Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)), attempt);
  }
}
