package dev.fakemail.core;

import java.time.Instant;

/**
 * One attempt to deliver a relayed message to one recipient, as in the delivery log.
 *
 * @param time when the attempt ended, on the server's {@linkplain FakeMailServer#clock() clock}
 * @param messageId the id the message got when it was accepted ({@code queued as ...})
 * @param sender the envelope sender, an empty string for {@code <>}
 * @param recipient the recipient address
 * @param host the simulated host name tried (an MX target), or an empty string when there was no route
 * @param reply the SMTP reply that decided the outcome, or the reason made up here (no route,
 *     connection refused), in the form {@code 550 5.1.1 User unknown}
 * @param outcome delivered, deferred (to be retried) or bounced
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 */
public record DeliveryAttempt(Instant time, String messageId, String sender, String recipient, String host,
                              String reply, Outcome outcome, int attempt) {
  public enum Outcome {
    /** The far end accepted it (2xx). */
    DELIVERED,
    /** A temporary failure (4xx, connection refused): it will be retried. */
    DEFERRED,
    /** A permanent failure, no route, or too old to retry: a DSN went to the sender. */
    BOUNCED
  }

  public boolean delivered() {
    return outcome == Outcome.DELIVERED;
  }
}
