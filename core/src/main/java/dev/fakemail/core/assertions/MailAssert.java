package dev.fakemail.core.assertions;

import dev.fakemail.core.Attachment;
import dev.fakemail.core.ReceivedMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A chain of assertions over a snapshot of received messages; made by
 * {@link MailAssertions#assertThatMail(dev.fakemail.core.MailInspector)}. Each {@code hasMessage...} or
 * {@code with...} step adds a criterion and checks that at least one message meets all criteria
 * so far; {@link #hasCount(int)} checks how many do. Immutable: every step returns a new chain.
 */
public final class MailAssert {
  private static final int SHOWN = 10;

  private final List<ReceivedMessage> arrived;
  private final List<Criterion> criteria;

  MailAssert(List<ReceivedMessage> arrived) {
    this(List.copyOf(arrived), List.of());
  }

  private MailAssert(List<ReceivedMessage> arrived, List<Criterion> criteria) {
    this.arrived = arrived;
    this.criteria = criteria;
  }

  /** A criterion, with how to say what a message has instead when it fails. */
  private record Criterion(String description, Predicate<ReceivedMessage> test, Function<ReceivedMessage, String> actual) {}

  // ---- criteria ----

  /** There is a message whose envelope recipients include this address (To, Cc or Bcc; any case). */
  public MailAssert hasMessageTo(String address) {
    return with(new Criterion("to <" + address + ">", m -> m.isFor(address), m -> "envelope recipients " + m.envelopeRecipients()));
  }

  /** There is a message (meeting the criteria so far) from this address: envelope sender or From header. */
  public MailAssert hasMessageFrom(String address) {
    return with(new Criterion("from <" + address + ">",
        m -> m.envelope().from().equalsIgnoreCase(address) || m.from().stream().anyMatch(a -> a.address().equalsIgnoreCase(address)),
        m -> "envelope sender <" + m.envelopeSender() + ">"));
  }

  /** Any message at all; a start for {@code with...} steps. */
  public MailAssert hasMessage() {
    return with(new Criterion("of any kind", m -> true, m -> ""));
  }

  /** The message also has exactly this subject. */
  public MailAssert withSubject(String subject) {
    return with(new Criterion("with subject \"" + subject + "\"", m -> m.subject().equals(subject),
        m -> "subject \"" + m.subject() + "\""));
  }

  /** The message also has a subject containing this text (any case). */
  public MailAssert withSubjectContaining(String text) {
    return with(new Criterion("with a subject containing \"" + text + "\"", m -> containsIgnoreCase(m.subject(), text),
        m -> "subject \"" + m.subject() + "\""));
  }

  /** The message's text or html body also contains this text (exact case). */
  public MailAssert withBodyContaining(String text) {
    return with(new Criterion("with a body containing \"" + text + "\"", m -> m.text().contains(text) || m.html().contains(text),
        m -> "body \"" + abbreviate(m.text().isEmpty() ? m.html() : m.text()) + "\""));
  }

  /** The message also has an attachment with this file name. */
  public MailAssert withAttachmentNamed(String filename) {
    return with(new Criterion("with an attachment named \"" + filename + "\"",
        m -> m.attachments().stream().anyMatch(a -> a.filename().equals(filename)),
        m -> "attachments " + m.attachments().stream().map(Attachment::filename).map(n -> n.isEmpty() ? "(unnamed)" : n).toList()));
  }

  /** The message also passes DMARC (an aligned SPF or DKIM pass for its From domain, which publishes a policy). */
  public MailAssert passesDmarc() {
    return with(new Criterion("passing DMARC", m -> m.authentication().dmarc().passed(),
        m -> "dmarc=" + m.authentication().dmarc().result().keyword() + reason(m.authentication().dmarc())));
  }

  /** The message also passes SPF for its envelope sender and client address. */
  public MailAssert passesSpf() {
    return with(new Criterion("passing SPF", m -> m.authentication().spf().passed(),
        m -> "spf=" + m.authentication().spf().result().keyword() + reason(m.authentication().spf())));
  }

  /** The message also has a DKIM signature with {@code d=domain} that verifies against the simulated DNS. */
  public MailAssert hasValidDkimSignatureFor(String domain) {
    return with(new Criterion("with a valid DKIM signature for " + domain, m -> m.authentication().dkimPassesFor(domain),
        m -> m.authentication().dkim().isEmpty() ? "no DKIM signature" : m.authentication().dkim().stream()
            .map(c -> "dkim=" + c.result().keyword() + " d=" + c.property("header.d") + reason(c))
            .collect(Collectors.joining("; "))));
  }

  private static String reason(dev.fakemail.core.Authentication.Check c) {
    return c.reason().isEmpty() ? "" : " (" + c.reason() + ")";
  }

  // ---- counts ----

  /** Exactly {@code count} messages meet the criteria so far (all messages when there are none). */
  public MailAssert hasCount(int count) {
    List<ReceivedMessage> matching = matching(criteria);
    if (matching.size() != count) {
      throw new AssertionError("expected " + plural(count) + " " + describe(criteria) + " but found " + matching.size()
          + arrivedList(criteria));
    }
    return this;
  }

  /** No message meets the criteria so far (no message at all when there are none). */
  public MailAssert hasNoMessages() {
    return hasCount(0);
  }

  /** The messages that meet every criterion so far, oldest first. */
  public List<ReceivedMessage> messages() {
    return matching(criteria);
  }

  /** The single message that meets every criterion so far. */
  public ReceivedMessage single() {
    hasCount(1);
    return matching(criteria).get(0);
  }

  // ---- machinery ----

  private MailAssert with(Criterion c) {
    List<Criterion> all = new ArrayList<>(criteria);
    all.add(c);
    if (matching(all).isEmpty()) {
      throw new AssertionError("expected a message " + describe(all) + ", but "
          + (arrived.isEmpty() ? "no message arrived at all" : "none of the " + plural(arrived.size()) + " that arrived matches")
          + arrivedList(all));
    }
    return new MailAssert(arrived, List.copyOf(all));
  }

  private List<ReceivedMessage> matching(List<Criterion> all) {
    return arrived.stream().filter(m -> all.stream().allMatch(c -> c.test().test(m))).toList();
  }

  /** What arrived, closest first: most criteria met, then oldest first; each with what it lacks. */
  private String arrivedList(List<Criterion> all) {
    if (arrived.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(". Arrived, closest match first");
    if (arrived.size() > SHOWN) {
      sb.append(" (").append(SHOWN).append(" of ").append(arrived.size()).append(" shown)");
    }
    sb.append(':');
    List<ReceivedMessage> ranked = new ArrayList<>(arrived);
    ranked.sort(Comparator.comparingLong((ReceivedMessage m) -> -met(all, m))); // stable: ties stay oldest first
    for (ReceivedMessage m : ranked.subList(0, Math.min(SHOWN, ranked.size()))) {
      sb.append("\n  ").append(m.summary());
      String missing = all.stream().filter(c -> !c.test().test(m))
          .map(c -> c.description() + " (has " + c.actual().apply(m) + ")")
          .collect(Collectors.joining(", "));
      if (!missing.isEmpty()) {
        sb.append("\n      lacks: ").append(missing);
      }
    }
    return sb.toString();
  }

  private static long met(List<Criterion> all, ReceivedMessage m) {
    return all.stream().filter(c -> c.test().test(m)).count();
  }

  private static String describe(List<Criterion> all) {
    return all.isEmpty() ? "in total" : all.stream().map(Criterion::description).collect(Collectors.joining(" "));
  }

  private static String plural(int n) {
    return n == 1 ? "1 message" : n + " messages";
  }

  private static boolean containsIgnoreCase(String haystack, String needle) {
    return haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
  }

  private static String abbreviate(String s) {
    String oneLine = s.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  @Override
  public String toString() {
    return "MailAssert[" + describe(criteria) + ", " + plural(arrived.size()) + " arrived]";
  }
}
