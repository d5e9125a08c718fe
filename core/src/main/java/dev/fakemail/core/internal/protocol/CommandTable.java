package dev.fakemail.core.internal.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A protocol's commands by verb: immutable, built once per server instance from its command list.
 * A verb listed by two commands is a programming error.
 *
 * @param <C> the protocol's command type
 */
public final class CommandTable<C extends ProtocolCommand<?>> {
  private final Map<String, C> byVerb;

  private CommandTable(Map<String, C> byVerb) {
    this.byVerb = Map.copyOf(byVerb);
  }

  public static <C extends ProtocolCommand<?>> CommandTable<C> of(List<? extends C> commands) {
    Map<String, C> m = new HashMap<>();
    for (C c : commands) {
      for (String verb : c.verbs()) {
        C before = m.put(verb, c);
        if (before != null) {
          throw new IllegalArgumentException(verb + " is answered by both " + before + " and " + c);
        }
      }
    }
    return new CommandTable<>(m);
  }

  /** The command for this verb (upper case), or null when there is none. */
  public C get(String verb) {
    return byVerb.get(verb);
  }

  /** Whether a verb has a command. */
  public boolean has(String verb) {
    return byVerb.containsKey(verb);
  }
}
