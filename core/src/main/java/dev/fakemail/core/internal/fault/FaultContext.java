package dev.fakemail.core.internal.fault;

import java.util.List;

/** What a fault rule can match on at the moment it is checked; null fields are unknown yet. */
public record FaultContext(String listener, String clientAddress, String from, List<String> to, String user) {
  public FaultContext {
    to = to == null ? List.of() : List.copyOf(to);
  }
}
