package dev.fakemail.core;

import dev.fakemail.core.internal.CoreAccess;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The package-private members other fakemail modules need, handed over to {@link CoreAccess}. */
final class CoreHooks implements CoreAccess.Hooks {
  @Override
  public List<String> recipients(MessageFilter f) {
    return f.recipients();
  }

  @Override
  public List<String> senders(MessageFilter f) {
    return f.senders();
  }

  @Override
  public List<String> subjects(MessageFilter f) {
    return f.subjects();
  }

  @Override
  public List<String> texts(MessageFilter f) {
    return f.texts();
  }

  @Override
  public Optional<Instant> since(MessageFilter f) {
    return f.sinceInstant();
  }

  @Override
  public boolean isAny(MessageFilter f) {
    return f.isAny();
  }

  @Override
  public ReceivedMessage message(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw,
                                 Authentication authentication) {
    return authentication == null ? ReceivedMessage.of(id, receivedAt, envelope, session, raw)
        : ReceivedMessage.of(id, receivedAt, envelope, session, raw, authentication);
  }

  @Override
  public Fault withId(Fault f, String id) {
    return f.withId(id);
  }
}
