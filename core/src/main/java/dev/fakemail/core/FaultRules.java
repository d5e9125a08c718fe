package dev.fakemail.core;

import java.util.List;

/**
 * The fault rules of a server, the same whichever way the test reaches it: {@link Faults} in-process
 * ({@link FakeMailServer#faults()}), and the inspector client's remote rules over HTTP. Rules are
 * checked in the order added; the first that fires wins.
 *
 * <pre>{@code
 * mail.faults().add(Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full").times(1));
 * mail.faults().add(Faults.greylisting(Duration.ofMinutes(5)));
 * }</pre>
 */
public interface FaultRules {
  /**
   * Adds a rule.
   *
   * @param rule the rule
   * @return the rule as stored, with its id
   * @throws IllegalArgumentException when the server refuses the rule (remote: a {@code FakeMailClientException})
   */
  Fault add(Fault rule);

  /**
   * Builds and adds a rule.
   *
   * @param rule a builder with an action
   * @return the rule as stored, with its id
   * @throws IllegalStateException when the builder has no action ({@code Fault.at(stage)} alone)
   * @throws IllegalArgumentException naming what is wrong with its settings (before anything is sent)
   */
  default Fault add(Fault.Builder rule) {
    return add(rule.build());
  }

  /** @return the rules in the order they are checked */
  List<Fault> list();

  /**
   * Removes one rule.
   *
   * @param id the id {@link #add} gave it
   * @return false when there was none with that id
   */
  boolean remove(String id);

  /** Removes every rule. */
  void clear();
}
