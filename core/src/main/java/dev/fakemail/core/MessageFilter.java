package dev.fakemail.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which messages a query or a wait is about. Immutable; combine with {@link #and(MessageFilter)}:
 * {@code to("bob@example.test").and(subject("Welcome"))}. Every criterion must hold.
 *
 * <ul>
 *   <li>{@code to}: an envelope recipient ({@code RCPT TO}, {@link ReceivedMessage#envelopeRecipients()})
 *       equals the address (any case): whoever the message was delivered to, whether the To header,
 *       the Cc header or neither (Bcc) names them;</li>
 *   <li>{@code from}: the envelope sender ({@code MAIL FROM}, {@link ReceivedMessage#envelopeSender()})
 *       or an address of the From header ({@link ReceivedMessage#from()}) equals the address (any case);</li>
 *   <li>{@code subject}: the decoded subject contains the text (any case);</li>
 *   <li>{@code text}: the text or html body contains the text (any case);</li>
 *   <li>{@code since}: received at or after the instant.</li>
 * </ul>
 */
public final class MessageFilter {
  private static final MessageFilter ANY = new MessageFilter(List.of(), List.of(), List.of(), List.of(), null);

  static {
    dev.fakemail.core.internal.CoreAccess.install(new CoreHooks());
  }

  private final List<String> to;
  private final List<String> from;
  private final List<String> subject;
  private final List<String> text;
  private final Instant since;

  private MessageFilter(List<String> to, List<String> from, List<String> subject, List<String> text, Instant since) {
    this.to = List.copyOf(to);
    this.from = List.copyOf(from);
    this.subject = List.copyOf(subject);
    this.text = List.copyOf(text);
    this.since = since;
  }

  /** Matches every message. */
  public static MessageFilter any() {
    return ANY;
  }

  /** Messages delivered to this envelope recipient (any case), named in the To or Cc header or not (Bcc). */
  public static MessageFilter to(String address) {
    return new MessageFilter(List.of(requireText(address, "address").toLowerCase(Locale.ROOT)), List.of(), List.of(), List.of(), null);
  }

  /** Messages whose envelope sender or From header address is this one (any case). */
  public static MessageFilter from(String address) {
    return new MessageFilter(List.of(), List.of(requireText(address, "address").toLowerCase(Locale.ROOT)), List.of(), List.of(), null);
  }

  /** Messages whose decoded subject contains this text (any case). */
  public static MessageFilter subject(String contains) {
    return new MessageFilter(List.of(), List.of(), List.of(Objects.requireNonNull(contains, "subject")), List.of(), null);
  }

  /** Messages whose text or html body contains this text (any case). */
  public static MessageFilter text(String contains) {
    return new MessageFilter(List.of(), List.of(), List.of(), List.of(Objects.requireNonNull(contains, "text")), null);
  }

  /** Messages received at or after this instant. */
  public static MessageFilter since(Instant instant) {
    return new MessageFilter(List.of(), List.of(), List.of(), List.of(), Objects.requireNonNull(instant, "since"));
  }

  /** A filter that requires this one's criteria and the other's. */
  public MessageFilter and(MessageFilter other) {
    Instant s = since == null ? other.since : other.since == null ? since : (since.isAfter(other.since) ? since : other.since);
    return new MessageFilter(concat(to, other.to), concat(from, other.from), concat(subject, other.subject), concat(text, other.text), s);
  }

  public MessageFilter andTo(String address) {
    return and(to(address));
  }

  public MessageFilter andFrom(String address) {
    return and(from(address));
  }

  public MessageFilter andSubject(String contains) {
    return and(subject(contains));
  }

  public MessageFilter andText(String contains) {
    return and(text(contains));
  }

  public boolean matches(ReceivedMessage m) {
    if (since != null && m.receivedAt().isBefore(since)) {
      return false;
    }
    for (String t : to) {
      if (!m.isFor(t)) {
        return false;
      }
    }
    for (String f : from) {
      if (!m.envelope().from().equalsIgnoreCase(f) && m.from().stream().noneMatch(a -> a.address().equalsIgnoreCase(f))) {
        return false;
      }
    }
    for (String s : subject) {
      if (!containsIgnoreCase(m.subject(), s)) {
        return false;
      }
    }
    for (String s : text) {
      if (!containsIgnoreCase(m.text(), s) && !containsIgnoreCase(m.html(), s)) {
        return false;
      }
    }
    return true;
  }

  /** The recipient addresses this filter requires (lower case), so a store can use its index. */
  List<String> recipients() {
    return to;
  }

  List<String> senders() {
    return from;
  }

  List<String> subjects() {
    return subject;
  }

  List<String> texts() {
    return text;
  }

  Optional<Instant> sinceInstant() {
    return Optional.ofNullable(since);
  }

  boolean isAny() {
    return to.isEmpty() && from.isEmpty() && subject.isEmpty() && text.isEmpty() && since == null;
  }

  private static boolean containsIgnoreCase(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s.trim();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageFilter f && f.to.equals(to) && f.from.equals(from) && f.subject.equals(subject)
        && f.text.equals(text) && Objects.equals(f.since, since);
  }

  @Override
  public int hashCode() {
    return Objects.hash(to, from, subject, text, since);
  }

  /** Reads like the call that made it: {@code to("bob@x.test") and subject("Hi")}. */
  @Override
  public String toString() {
    if (isAny()) {
      return "any()";
    }
    StringJoiner j = new StringJoiner(" and ");
    to.forEach(t -> j.add("to(\"" + t + "\")"));
    from.forEach(t -> j.add("from(\"" + t + "\")"));
    subject.forEach(t -> j.add("subject(\"" + t + "\")"));
    text.forEach(t -> j.add("text(\"" + t + "\")"));
    if (since != null) {
      j.add("since(" + since + ")");
    }
    return j.toString();
  }
}
