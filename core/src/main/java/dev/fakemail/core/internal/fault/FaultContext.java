package dev.fakemail.core.internal.fault;

import java.util.List;

/**
 * What a fault rule can match on at the moment it is checked; null fields are unknown yet. Sessions
 * make one with {@link #of} (and {@link #withEnvelope} once a message has one).
 */
public record FaultContext(String listener, String clientAddress, String from, List<String> to, String user) {
  public FaultContext {
    to = to == null ? List.of() : List.copyOf(to);
  }

  /**
   * The context of a session before any message: its listener, the client, and the user logged in
   * or trying to (null when none).
   */
  public static FaultContext of(String listener, String clientAddress, String user) {
    return new FaultContext(listener, clientAddress, null, List.of(), user);
  }

  /** This context with a message's envelope: the sender (null before MAIL) and the recipients the stage concerns. */
  public FaultContext withEnvelope(String from, List<String> to) {
    return new FaultContext(listener, clientAddress, from, to, user);
  }
}
