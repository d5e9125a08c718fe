package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.CoreAccess;
import java.time.Duration;
import java.util.Locale;

/**
 * A stored fault rule as the API answers it (and as the client sends one): every field explicit,
 * {@code reply} only for REPLY rules, {@code match} with only the fields that narrow it. Durations
 * are milliseconds on the wire ({@code delayMs}, {@code windowMs}, {@code greylistMs}) and
 * {@link Duration}s in Java. {@code fired} (answers only) is how often the rule has fired so far:
 * the server's count, not part of the rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultJson(String id, String stage, MatchJson match, String action, String reply, long delayMs,
                        int times, int after, double probability, long seed, long windowMs, long greylistMs,
                        Long fired) {

  /**
   * Which sessions a rule applies to; an absent field matches anything. {@code listener} is a
   * listener id ({@code smtp}, {@code imaps}, ...); {@code provider} a provider's name at stage API
   * (a {@code listener} that names no listener is taken as the provider, as before 1.0).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MatchJson(String from, String to, String user, String listener, String provider, String clientAddress) {
    public static MatchJson of(Fault.Match m) {
      return new MatchJson(m.from(), m.to(), m.user(), m.listener() == null ? null : m.listener().id(), m.provider(),
          m.clientAddress());
    }

    /**
     * Sets this match's fields on a builder (those present only).
     *
     * @param b the builder
     * @param stage the builder's stage
     * @throws IllegalArgumentException for a listener that is no listener (outside stage API)
     */
    public void applyTo(Fault.Builder b, Fault.Stage stage) {
      if (present(from)) b.from(from);
      if (present(to)) b.to(to);
      if (present(user)) b.user(user);
      if (present(clientAddress)) b.clientAddress(clientAddress);
      if (present(provider)) b.provider(provider);
      if (present(listener)) {
        if (isListener(listener)) {
          b.listener(Listener.fromId(listener));
        } else if (stage == Fault.Stage.API) {
          b.provider(listener);
        } else {
          Listener.fromId(listener); // throws, naming the listeners
        }
      }
    }

    private static boolean isListener(String id) {
      for (Listener l : Listener.values()) {
        if (l.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }

    private static boolean present(String s) {
      return s != null && !s.isBlank();
    }
  }

  public static FaultJson of(Fault f) {
    return of(f, null);
  }

  /** The rule as the server answers it, with how often it has fired ({@code null}: not said). */
  public static FaultJson of(Fault f, Long fired) {
    return new FaultJson(f.id().isEmpty() ? null : f.id(), f.stage().name(), MatchJson.of(f.match()), f.action().name(),
        f.reply().isEmpty() ? null : f.reply(), f.delay().toMillis(), f.times(), f.after(), f.probability(), f.seed(),
        f.window().toMillis(), f.greylist().toMillis(), fired);
  }

  /** The same rule without its id (as the client sends one to be added). */
  public FaultJson withoutId() {
    return new FaultJson(null, stage, match, action, reply, delayMs, times, after, probability, seed, windowMs, greylistMs,
        null);
  }

  /**
   * The core value (the client's side of the wire), with the id the server gave it.
   *
   * @throws IllegalArgumentException when the answer is not a valid rule
   */
  public Fault toFault() {
    Fault.Stage s = Fault.Stage.parse(stage);
    Fault.Builder b = Fault.at(s);
    if (match != null) {
      match.applyTo(b, s);
    }
    switch (Fault.Action.parse(action)) {
      case REPLY -> b.reply(reply);
      case DELAY -> b.delay(Duration.ofMillis(delayMs));
      case DISCONNECT -> b.disconnect();
      case TLS_FAIL -> b.tlsFail();
    }
    Fault f = b.times(times).after(after).probability(probability, seed).window(Duration.ofMillis(windowMs))
        .greylist(Duration.ofMillis(greylistMs)).build();
    return id == null ? f : CoreAccess.get().withId(f, id);
  }
}
