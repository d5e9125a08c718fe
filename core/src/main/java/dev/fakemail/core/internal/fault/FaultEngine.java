package dev.fakemail.core.internal.fault;

import dev.fakemail.core.Fault;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Holds the fault rules and decides, at each stage of a session, whether one fires. Deterministic:
 * counts and seeded draws only, so the same sequence of sessions sees the same faults.
 */
public final class FaultEngine {
  private final List<RuleState> rules = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final Supplier<Instant> clock;

  public FaultEngine(Supplier<Instant> clock) {
    this.clock = clock;
  }

  public Fault add(Fault rule) {
    Fault withId = withId(rule, Long.toString(ids.incrementAndGet()));
    rules.add(new RuleState(withId));
    return withId;
  }

  private static Fault withId(Fault f, String id) {
    return dev.fakemail.core.internal.CoreAccess.get().withId(f, id);
  }

  public List<Fault> rules() {
    List<Fault> out = new ArrayList<>();
    for (RuleState r : rules) {
      out.add(r.rule);
    }
    return out;
  }

  /**
   * How often each rule has fired so far, by its id, in the order the rules are checked. Kept here,
   * beside the rule's other counters, not in the {@link Fault} value: a rule is what the user asked
   * for, the count what happened.
   */
  public Map<String, Long> firedCounts() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (RuleState r : rules) {
      out.put(r.rule.id(), r.fired());
    }
    return out;
  }

  public boolean remove(String id) {
    return rules.removeIf(r -> r.rule.id().equals(id));
  }

  public void clear() {
    rules.clear();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The first rule for this stage that matches the context and fires, if any; counts the match. */
  public Optional<Fault> fire(Fault.Stage stage, FaultContext ctx) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    for (RuleState r : rules) {
      if (r.rule.stage() == stage && matches(r.rule.match(), ctx) && r.fires(ctx, clock.get())) {
        return Optional.of(r.rule);
      }
    }
    return Optional.empty();
  }

  /**
   * For protocols that answer in words (POP3, IMAP): applies a DELAY rule (waits here) or a
   * DISCONNECT rule (throws), and returns a REPLY rule for the caller to turn into its own reply.
   */
  public Optional<Fault> apply(Fault.Stage stage, FaultContext ctx) throws FaultDisconnect {
    return apply(stage, ctx, f -> { });
  }

  /** {@link #apply(Fault.Stage, FaultContext)} that first tells {@code fired} (the session's transcript) of a rule that fires. */
  public Optional<Fault> apply(Fault.Stage stage, FaultContext ctx, java.util.function.Consumer<Fault> fired)
      throws FaultDisconnect {
    Optional<Fault> rule = fire(stage, ctx);
    if (rule.isEmpty()) {
      return rule;
    }
    Fault f = rule.get();
    fired.accept(f);
    switch (f.action()) {
      case DISCONNECT, TLS_FAIL -> throw new FaultDisconnect(f.id());
      case DELAY -> {
        Pause.of(f.delay().toMillis());
        return Optional.empty();
      }
      default -> {
        return rule;
      }
    }
  }

  /** The text of a REPLY rule without its code and enhanced code: {@code "451 4.7.1 later"} gives {@code "later"}. */
  public static String replyText(Fault f) {
    return f.reply().replaceFirst("^\\d{3}( [245]\\.\\d{1,3}\\.\\d{1,3})? ?", "");
  }

  static boolean matches(Fault.Match m, FaultContext ctx) {
    return eq(m.from(), ctx.from()) && eq(m.user(), ctx.user())
        && eq(m.listener() == null ? null : m.listener().id(), ctx.listener()) && eq(m.provider(), ctx.listener())
        && eq(m.clientAddress(), ctx.clientAddress())
        && (m.to() == null || ctx.to().stream().anyMatch(t -> t.equalsIgnoreCase(m.to())));
  }

  private static boolean eq(String want, String have) {
    return want == null || have != null && want.equalsIgnoreCase(have);
  }

  /** A rule with its counters. */
  private static final class RuleState {
    final Fault rule;
    final Random random;
    long matched;
    long fired;
    final ArrayDeque<Instant> window = new ArrayDeque<>();
    final Map<String, Instant> firstSeen = new HashMap<>();

    RuleState(Fault rule) {
      this.rule = rule;
      this.random = new Random(rule.seed());
    }

    synchronized long fired() {
      return fired;
    }

    synchronized boolean fires(FaultContext ctx, Instant now) {
      if (rule.times() > 0 && fired >= rule.times()) {
        return false;
      }
      if (!rule.greylist().isZero()) {
        String key = ctx.from() + "|" + String.join(",", ctx.to()) + "|" + ctx.clientAddress();
        Instant first = firstSeen.putIfAbsent(key, now);
        if (first != null && !now.isBefore(first.plus(rule.greylist()))) {
          return false; // retried late enough: accepted
        }
      }
      long countSoFar;
      if (!rule.window().isZero()) {
        Instant start = now.minus(rule.window());
        while (!window.isEmpty() && window.peekFirst().isBefore(start)) {
          window.removeFirst();
        }
        window.addLast(now);
        countSoFar = window.size();
      } else {
        countSoFar = ++matched;
      }
      if (countSoFar <= rule.after()) {
        return false;
      }
      if (rule.probability() < 1 && random.nextDouble() >= rule.probability()) {
        return false;
      }
      fired++;
      return true;
    }
  }
}
