package dev.fakemail.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a test asks of and does to a fake mail server, whichever way it reaches it: in-process
 * ({@link FakeMailServer}), over HTTP ({@code dev.fakemail.inspector.client.FakeMailClient}, also
 * what a container hands out) or a slice of a shared server ({@code Namespace}). A test written
 * against this interface moves between them by changing the one line that makes the inspector:
 *
 * <pre>{@code
 * MailInspector mail = FakeMailServer.start();   // in-process
 * MailInspector mail = container.client();        // the same test against a container (a FakeMailClient)
 *
 * mail.faults().add(Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full"));
 * mail.dns().mx("far.test", 10, "mx.far.test");
 * mail.clock().advance(Duration.ofMinutes(5));
 * ReceivedMessage m = mail.awaitMessage(MessageFilter.to("alice@example.test"));
 * mail.assertNoMessages(MessageFilter.to("bob@example.test"), Duration.ofMillis(200));
 * }</pre>
 *
 * <p>An implementation that cannot do something meaningfully throws {@link
 * UnsupportedOperationException} saying why (a {@code Namespace} does not reset the server it shares).
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

  /**
   * Asserts that no message matching the filter is there now or arrives within {@code within}.
   *
   * @param filter which messages must not come
   * @param within how long to watch
   * @throws AssertionError naming the message that arrived
   */
  default void assertNoMessages(MessageFilter filter, Duration within) {
    List<ReceivedMessage> found;
    try {
      found = awaitMessages(filter, 1, within);
    } catch (AssertionError none) {
      return;
    }
    throw new AssertionError("expected no message matching " + filter + " but got " + found.size() + ": "
        + found.stream().map(ReceivedMessage::summary).collect(java.util.stream.Collectors.joining("; ")));
  }

  /**
   * Clears messages, mailboxes, sessions, fault rules, the relay queue and the delivery log; users and
   * DNS records go back to the configuration the server started with.
   */
  void reset();

  /**
   * The recent SMTP, POP3 and IMAP sessions with their transcripts (credentials masked, message data
   * given by size), oldest first (at most the last 1000).
   *
   * @return the sessions
   */
  List<SessionRecord> sessions();

  /**
   * Every relay attempt (delivered, deferred, bounced), oldest first; the last 10,000 are kept.
   *
   * @return the attempts
   */
  List<DeliveryAttempt> deliveries();

  /**
   * The fault rules: make a chosen stage of the next sessions fail.
   *
   * @return the rules of this server
   */
  FaultRules faults();

  /**
   * The simulated DNS: where relayed mail goes, and what sender authentication finds.
   *
   * @return the DNS of this server
   */
  DnsControl dns();

  /**
   * The clock relay retries and greylisting follow.
   *
   * @return the clock of this server
   */
  ClockControl clock();

  /**
   * The declared users; empty when the server is in open mode (anyone logs in, any address receives).
   * Over HTTP the password is never sent back: users listed remotely have an empty password.
   *
   * @return the users
   */
  List<User> users();

  /**
   * Declares a user, or replaces the one with the same address. The server is strict from then on:
   * unknown recipients get {@code 550 5.1.1}, wrong passwords {@code 535}.
   *
   * @param user the user
   */
  void addUser(User user);

  /**
   * Declares a user who logs in with the address.
   *
   * @param address local@domain
   * @param password the password
   */
  default void addUser(String address, String password) {
    addUser(new User(address, password, null));
  }

  /**
   * Removes a declared user.
   *
   * @param address the user's address, any case
   * @return false when there was none with that address
   */
  boolean removeUser(String address);
}
