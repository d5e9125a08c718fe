package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.Fault;

/**
 * A stored fault rule as the API answers it (and as the client sends one): every field explicit,
 * {@code reply} only for REPLY rules, {@code match} with only the fields that narrow it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultJson(String id, String stage, MatchJson match, String action, String reply, long delayMs,
                        int times, int after, double probability, long seed, long windowMs, long greylistMs) {

  /** Which sessions a rule applies to; an absent field matches anything. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MatchJson(String from, String to, String user, String listener, String clientAddress) {
    public static MatchJson of(Fault.Match m) {
      return new MatchJson(m.from(), m.to(), m.user(), m.listener(), m.clientAddress());
    }

    public Fault.Match toMatch() {
      return new Fault.Match(blankToNull(from), blankToNull(to), blankToNull(user), blankToNull(listener),
          blankToNull(clientAddress));
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }

  public static FaultJson of(Fault f) {
    return new FaultJson(f.id().isEmpty() ? null : f.id(), f.stage().name(), MatchJson.of(f.match()), f.action().name(),
        f.reply().isEmpty() ? null : f.reply(), f.delayMs(), f.times(), f.after(), f.probability(), f.seed(),
        f.windowMs(), f.greylistMs());
  }

  /** The core value (the client's side of the wire). */
  public Fault toFault() {
    Fault.Match m = match == null ? Fault.Match.ANY : match.toMatch();
    return new Fault(id, Fault.Stage.parse(stage), m, Fault.Action.parse(action), reply, delayMs, times, after,
        probability, seed, windowMs, greylistMs);
  }
}
