package dev.fakemail.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The questions a test asks of a fake mail server, whichever way it reaches it: in-process
 * ({@link FakeMailServer}), over HTTP (the inspector's client) or in a container. A test can switch
 * between them without changing its assertions.
 */
public interface MailInspector {
  /** The default bound of {@link #awaitMessage(MessageFilter)} and friends. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Every stored message, oldest first. */
  default List<ReceivedMessage> messages() {
    return messages(MessageFilter.any());
  }

  /** The stored messages that match, oldest first. */
  List<ReceivedMessage> messages(MessageFilter filter);

  /** One message by id. */
  Optional<ReceivedMessage> message(String id);

  /**
   * Waits until a message matching the filter is stored and returns the first one.
   *
   * @throws AssertionError when none arrives within the timeout; its message names the filter and
   *     lists what did arrive
   */
  default ReceivedMessage awaitMessage(MessageFilter filter, Duration timeout) {
    return awaitMessages(filter, 1, timeout).get(0);
  }

  default ReceivedMessage awaitMessage(MessageFilter filter) {
    return awaitMessage(filter, DEFAULT_TIMEOUT);
  }

  /**
   * Waits until at least {@code count} messages match and returns all that match (at least
   * {@code count}), oldest first.
   *
   * @throws AssertionError when fewer arrive within the timeout
   */
  List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout);

  default List<ReceivedMessage> awaitMessages(MessageFilter filter, int count) {
    return awaitMessages(filter, count, DEFAULT_TIMEOUT);
  }

  /** Removes every stored message. */
  void purge();

  /** Removes one message; false when there was none with that id. */
  boolean delete(String id);
}
