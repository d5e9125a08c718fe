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

  /**
   * Whether {@link #deliver} may wait on something (user code, another server). Such a delivery is
   * never run on an event loop, where it would hold up every other session.
   */
  default boolean mayBlock() {
    return true;
  }
}
