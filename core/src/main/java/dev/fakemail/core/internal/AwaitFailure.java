package dev.fakemail.core.internal;

import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The message of a failed wait: what was expected, and what did arrive, closest match first, so
 * that a failing test says at once whether the mail went elsewhere or never came. Shared by the
 * in-process server and the remote client. Not API.
 */
public final class AwaitFailure {
  private static final int SHOWN = 10;

  private AwaitFailure() {}

  public static String describe(MessageFilter filter, int count, Duration timeout, List<ReceivedMessage> matched,
                                List<ReceivedMessage> all) {
    StringBuilder sb = new StringBuilder();
    sb.append("expected ").append(count == 1 ? "a message" : count + " messages").append(" matching ").append(filter)
        .append(" within ").append(human(timeout)).append(", but ");
    sb.append(matched.isEmpty() ? "none" : "only " + matched.size()).append(matched.size() == 1 ? " matched" : " matched");
    if (all.isEmpty()) {
      sb.append(", and no message arrived at all");
      return sb.toString();
    }
    sb.append(". ").append(all.size()).append(all.size() == 1 ? " message" : " messages").append(" arrived");
    if (all.size() > SHOWN) {
      sb.append(" (closest ").append(SHOWN).append(" shown)");
    }
    sb.append(':');
    all.stream()
        .sorted(Comparator.comparingInt((ReceivedMessage m) -> -closeness(filter, m)))
        .limit(SHOWN)
        .forEach(m -> sb.append("\n  ").append(m.summary()));
    return sb.toString();
  }

  /** How many of the filter's criteria a message meets, and how near its recipients come. */
  static int closeness(MessageFilter f, ReceivedMessage m) {
    CoreAccess.Hooks h = CoreAccess.get();
    int score = 0;
    for (String to : h.recipients(f)) {
      if (m.isFor(to)) {
        score += 4;
      } else if (m.envelope().recipientAddresses().stream().anyMatch(r -> sameDomainOrLocal(r, to))) {
        score += 1;
      }
    }
    for (String s : h.subjects(f)) {
      if (m.subject().toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT))) {
        score += 3;
      }
    }
    for (String from : h.senders(f)) {
      if (m.envelope().from().equalsIgnoreCase(from)) {
        score += 3;
      }
    }
    return score;
  }

  private static boolean sameDomainOrLocal(String a, String b) {
    int ia = a.lastIndexOf('@');
    int ib = b.lastIndexOf('@');
    if (ia < 0 || ib < 0) {
      return false;
    }
    return a.substring(ia).equalsIgnoreCase(b.substring(ib)) || a.substring(0, ia).equalsIgnoreCase(b.substring(0, ib));
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
