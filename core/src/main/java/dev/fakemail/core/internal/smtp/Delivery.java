package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;

/** Where accepted messages go. Returns only once the message is stored; throws to refuse it. */
@FunctionalInterface
public interface Delivery {
  ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException;
}
