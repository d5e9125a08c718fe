package dev.fakemail.inspector.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
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
public final class RemoteFaults {
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
  public Fault add(Fault rule) {
    Objects.requireNonNull(rule, "rule");
    FaultJson json = FaultJson.of(rule);
    FaultJson withoutId = new FaultJson(null, json.stage(), json.match(), json.action(), json.reply(), json.delayMs(),
        json.times(), json.after(), json.probability(), json.seed(), json.windowMs(), json.greylistMs());
    return api.call("POST", "api/v1/faults", withoutId, FaultJson.class).toFault();
  }

  /** The rules in the order they are checked. */
  public List<Fault> list() {
    return api.call("GET", "api/v1/faults", null, LIST).stream().map(FaultJson::toFault).toList();
  }

  /** Removes one rule; false when there was none with that id. */
  public boolean remove(String id) {
    Objects.requireNonNull(id, "id");
    return api.deleteIfPresent("api/v1/faults/" + ApiConnection.encode(id));
  }

  /** Removes every rule. */
  public void clear() {
    api.call("DELETE", "api/v1/faults");
  }

  @Override
  public String toString() {
    return "RemoteFaults[" + api.base() + "]";
  }
}
