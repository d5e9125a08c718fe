package dev.fakemail.core.internal.server;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import java.time.Instant;
import java.util.function.Function;

/**
 * Not API: makes a stored message from bytes just received, taking the array as it is (no copy),
 * with sender authentication judged by {@code verifier} on first use. {@link
 * dev.fakemail.core.FakeMailServer} supplies it, as only its package may make such a message.
 */
@FunctionalInterface
public interface MessageFactory {
  ReceivedMessage owning(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] content,
                         Function<ReceivedMessage, Authentication> verifier);
}
