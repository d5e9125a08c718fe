package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fakemail.core.Fault;
import dev.fakemail.core.FaultRules;
import dev.fakemail.core.Faults;
import dev.fakemail.inspector.internal.ApiPaths;
import dev.fakemail.inspector.internal.json.FaultJson;
import java.util.List;
import java.util.Objects;

/**
 * The fault rules of a remote server ({@link FakeMailClient#faults()}), with the same methods as
 * the in-process {@link Faults}: rules are built with {@link Fault} and its presets
 * ({@link Faults#greylisting}, {@link Faults#rateLimit}, {@link Faults#mailboxFull}) and sent over
 * {@code /api/v1/faults}.
 *
 * <pre>{@code
 * client.faults().add(Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full").times(1));
 * client.faults().add(Faults.greylisting(Duration.ofMinutes(5)));
 * }</pre>
 */
public final class RemoteFaults implements FaultRules {
  private static final TypeReference<List<FaultJson>> LIST = new TypeReference<>() {};

  private final ApiConnection api;

  RemoteFaults(ApiConnection api) {
    this.api = api;
  }

  /**
   * Adds a rule and returns it as stored, with its id.
   *
   * @throws FakeMailClientException with status 400 and the server's reason when the rule is invalid
   */
  @Override
  public Fault add(Fault rule) {
    Objects.requireNonNull(rule, "rule");
    return api.call("POST", ApiPaths.expand(ApiPaths.FAULTS), FaultJson.of(rule).withoutId(), FaultJson.class).toFault();
  }

  /** The rules in the order they are checked. */
  @Override
  public List<Fault> list() {
    return api.call("GET", ApiPaths.expand(ApiPaths.FAULTS), null, LIST).stream().map(FaultJson::toFault).toList();
  }

  /** Removes one rule; false when there was none with that id. */
  @Override
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    return api.deleteIfPresent(ApiPaths.expand(ApiPaths.FAULT, id));
  }

  /** Removes every rule. */
  @Override
  public void clear() {
    api.call("DELETE", ApiPaths.expand(ApiPaths.FAULTS));
  }

  @Override
  public String toString() {
    return "RemoteFaults[" + api.base() + "]";
  }
}
