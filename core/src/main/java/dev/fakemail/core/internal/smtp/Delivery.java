package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;

/**
 * Where accepted messages go. Returns only once the message is stored; throws to refuse it. The
 * content array is handed over: the caller must not change or reuse it (the store keeps it as is).
 */
@FunctionalInterface
public interface Delivery {
  ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException;
}
