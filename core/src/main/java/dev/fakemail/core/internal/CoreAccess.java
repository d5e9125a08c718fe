package dev.fakemail.core.internal;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.Fault;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What fakemail's own modules need of the public value types that their users must not see: a
 * filter's criteria (to build a query or use an index), a message made from its parts (a remote
 * client), a fault rule with the id its rule set gave it. The public classes hand their
 * implementation over when they are loaded (the JDK's {@code SharedSecrets} pattern), so none of this
 * is a public member of an API class. Not API.
 */
public final class CoreAccess {
  /** The operations; implemented in {@code dev.fakemail.core}. */
  public interface Hooks {
    /** @param f a filter @return its recipients, lower case */
    List<String> recipients(MessageFilter f);

    /** @param f a filter @return its senders */
    List<String> senders(MessageFilter f);

    /** @param f a filter @return its subject fragments */
    List<String> subjects(MessageFilter f);

    /** @param f a filter @return its text fragments */
    List<String> texts(MessageFilter f);

    /** @param f a filter @return its lower bound of the arrival time */
    Optional<Instant> since(MessageFilter f);

    /** @param f a filter @return true when it matches every message */
    boolean isAny(MessageFilter f);

    /**
     * A message from its parts; the bytes are copied.
     *
     * @param authentication the verdict a server already gave, or null to judge it here on first use
     * @return the message
     */
    ReceivedMessage message(String id, Instant receivedAt, Envelope envelope, SessionInfo session, byte[] raw,
                            Authentication authentication);

    /** @param f a rule @param id the id its rule set gave it @return the rule with that id */
    Fault withId(Fault f, String id);
  }

  private static volatile Hooks hooks;

  private CoreAccess() {}

  /**
   * Called once by {@code dev.fakemail.core} when it is loaded.
   *
   * @param h the implementation
   */
  public static void install(Hooks h) {
    if (hooks != null) {
      throw new IllegalStateException("already installed");
    }
    hooks = h;
  }

  /** @return the operations */
  public static Hooks get() {
    Hooks h = hooks;
    if (h == null) {
      MessageFilter.any(); // loads MessageFilter, which installs them
      h = hooks;
    }
    return h;
  }
}
