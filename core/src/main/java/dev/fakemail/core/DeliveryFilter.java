package dev.fakemail.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which relay attempts {@link FakeMailServer#awaitDelivery(DeliveryFilter)} waits for. Immutable;
 * combine with {@link #and(DeliveryFilter)}: {@code to("bob@far.test").and(bounced())}. Every
 * criterion must hold. It describes itself ({@link #describe()}) the way it was written, so that a
 * wait that fails says what it expected:
 *
 * <pre>
 * expected a delivery attempt matching to("bob@far.test") and outcome(BOUNCED) within 10s, but none
 * of the 2 attempts made matches:
 *   bob@far.test DEFERRED via mx.far.test: 451 4.3.0 try again
 *   ...
 * </pre>
 *
 * <p>For a condition of your own, {@link #matching(String, Predicate)} takes the words the failure
 * should use.
 */
public final class DeliveryFilter {
  private static final int SHOWN = 10;
  private static final DeliveryFilter ANY = new DeliveryFilter(List.of());

  private record Criterion(String description, Predicate<DeliveryAttempt> test) {}

  private final List<Criterion> criteria;

  private DeliveryFilter(List<Criterion> criteria) {
    this.criteria = List.copyOf(criteria);
  }

  private static DeliveryFilter of(String description, Predicate<DeliveryAttempt> test) {
    return new DeliveryFilter(List.of(new Criterion(description, test)));
  }

  /** Every attempt. */
  public static DeliveryFilter any() {
    return ANY;
  }

  /** Attempts to deliver to this recipient (any case). */
  public static DeliveryFilter to(String recipient) {
    String r = requireText(recipient, "recipient");
    return of("to(\"" + r + "\")", a -> a.recipient().equalsIgnoreCase(r));
  }

  /** Attempts of mail from this envelope sender (any case); {@code ""} for the null sender of a bounce. */
  public static DeliveryFilter from(String sender) {
    String s = Objects.requireNonNull(sender, "sender").trim();
    return of("from(\"" + s + "\")", a -> a.sender().equalsIgnoreCase(s));
  }

  /** Attempts with this outcome. */
  public static DeliveryFilter outcome(DeliveryAttempt.Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    return of("outcome(" + outcome + ")", a -> a.outcome() == outcome);
  }

  /** Attempts the far end accepted: {@code outcome(DELIVERED)}. */
  public static DeliveryFilter delivered() {
    return outcome(DeliveryAttempt.Outcome.DELIVERED);
  }

  /** Attempts that failed for now and will be retried: {@code outcome(DEFERRED)}. */
  public static DeliveryFilter deferred() {
    return outcome(DeliveryAttempt.Outcome.DEFERRED);
  }

  /** Attempts that failed for good (a DSN went to the sender): {@code outcome(BOUNCED)}. */
  public static DeliveryFilter bounced() {
    return outcome(DeliveryAttempt.Outcome.BOUNCED);
  }

  /** The {@code n}th attempt of a message to a recipient: 1 for the first, 2 for the first retry, ... */
  public static DeliveryFilter attempt(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("attempt numbers start at 1, got " + n);
    }
    return of("attempt(" + n + ")", a -> a.attempt() == n);
  }

  /** Attempts at this simulated host (an MX target; any case). */
  public static DeliveryFilter host(String host) {
    String h = requireText(host, "host");
    return of("host(\"" + h + "\")", a -> a.host().equalsIgnoreCase(h));
  }

  /** Attempts of the message with this id (the id it got when accepted). */
  public static DeliveryFilter messageId(String id) {
    String i = requireText(id, "messageId");
    return of("messageId(\"" + i + "\")", a -> a.messageId().equals(i));
  }

  /**
   * A condition of your own, with the words a failed wait uses for it:
   * {@code matching("a reply naming the quota", a -> a.reply().contains("quota"))}.
   */
  public static DeliveryFilter matching(String description, Predicate<DeliveryAttempt> condition) {
    return of(requireText(description, "description"), Objects.requireNonNull(condition, "condition"));
  }

  /** A filter that requires this one's criteria and the other's. */
  public DeliveryFilter and(DeliveryFilter other) {
    List<Criterion> all = new ArrayList<>(criteria);
    all.addAll(other.criteria);
    return new DeliveryFilter(all);
  }

  public boolean matches(DeliveryAttempt attempt) {
    for (Criterion c : criteria) {
      if (!c.test().test(attempt)) {
        return false;
      }
    }
    return true;
  }

  /** Reads like the call that made it: {@code to("bob@far.test") and outcome(BOUNCED)}; {@code any()} for every attempt. */
  public String describe() {
    return criteria.isEmpty() ? "any()" : criteria.stream().map(Criterion::description).collect(Collectors.joining(" and "));
  }

  @Override
  public String toString() {
    return describe();
  }

  /** The message of a wait that timed out: what was expected, and the attempts made, most recent last. */
  String failure(Duration timeout, List<DeliveryAttempt> made) {
    StringBuilder sb = new StringBuilder("expected a delivery attempt matching ").append(describe()).append(" within ")
        .append(human(timeout)).append(", but ");
    if (made.isEmpty()) {
      return sb.append("no relay attempt was made at all").toString();
    }
    sb.append("none of the ").append(made.size() == 1 ? "1 attempt" : made.size() + " attempts").append(" made matches");
    if (made.size() > SHOWN) {
      sb.append(" (last ").append(SHOWN).append(" shown)");
    }
    sb.append(':');
    for (DeliveryAttempt a : made.subList(Math.max(0, made.size() - SHOWN), made.size())) {
      sb.append("\n  ").append(summary(a));
      String lacks = criteria.stream().filter(c -> !c.test().test(a)).map(Criterion::description)
          .collect(Collectors.joining(", "));
      sb.append("\n      lacks: ").append(lacks);
    }
    return sb.toString();
  }

  private static String summary(DeliveryAttempt a) {
    return "#" + a.messageId() + " <" + a.sender() + "> to <" + a.recipient() + "> attempt " + a.attempt() + " "
        + a.outcome() + " via " + (a.host().isEmpty() ? "-" : a.host()) + ": " + a.reply();
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s.trim();
  }
}
