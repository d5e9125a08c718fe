package dev.fakemail.testcontainers;

import dev.fakemail.core.ClockControl;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DnsControl;
import dev.fakemail.core.Fault;
import dev.fakemail.core.FaultRules;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A slice of one shared fake mail server that belongs to one test: a unique domain to make
 * addresses in, and the same queries and waits as the server, seeing only mail for that domain.
 * Tests running in parallel against one container then never see each other's mail, and never need
 * to purge.
 *
 * <pre>{@code
 * Namespace ns = Namespace.of(inspector);            // e.g. container.client()
 * String bob = ns.address("bob");                    // bob@ns-k2x9q7m4.test
 * app.signUp(bob);
 * ReceivedMessage m = ns.awaitMessage(MessageFilter.subject("Welcome"));   // only this test's mail
 * }</pre>
 *
 * <p>A message is in the namespace when one of its envelope recipients is in the namespace's
 * domain. {@link #purge()} and {@link #delete(String)} remove only such messages (a message that
 * was also sent to another namespace disappears there too). Works over any {@link MailInspector}:
 * the in-process server, the HTTP client, a container.
 *
 * <p>What is scoped to the namespace and what is refused, since the server is shared:
 *
 * <table>
 *   <caption>Namespace's MailInspector methods</caption>
 *   <tr><th>method</th><th>in a namespace</th></tr>
 *   <tr><td>messages, message, awaitMessage(s), assertNoMessages, purge, delete</td>
 *       <td>scoped: messages with an envelope recipient in the domain</td></tr>
 *   <tr><td>deliveries</td><td>scoped: relay attempts to a recipient in the domain</td></tr>
 *   <tr><td>faults</td><td>scoped: a rule must match a recipient ({@code to}) in the domain, and only such rules are
 *       listed, removed and cleared</td></tr>
 *   <tr><td>users, removeUser</td><td>scoped: users whose address is in the domain</td></tr>
 *   <tr><td>addUser</td><td>refused: declaring a user makes the whole server strict, for every test</td></tr>
 *   <tr><td>reset, sessions, dns, clock</td><td>refused ({@link UnsupportedOperationException} saying why): server-wide
 *       state that other tests share; use the server's own inspector</td></tr>
 * </table>
 *
 * <p>The server must accept mail for the domain: the default catch-all does; with local domains
 * declared, make the namespace inside one with {@link #of(MailInspector, String)}.
 */
public final class Namespace implements MailInspector {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private final MailInspector inspector;
  private final String domain;
  private final String suffix;

  private Namespace(MailInspector inspector, String domain) {
    this.inspector = Objects.requireNonNull(inspector, "inspector");
    this.domain = domain.toLowerCase(Locale.ROOT);
    this.suffix = "@" + this.domain;
  }

  /** A namespace with a fresh domain {@code ns-<random>.test}. */
  public static Namespace of(MailInspector inspector) {
    return new Namespace(inspector, "ns-" + randomLabel() + ".test");
  }

  /**
   * A namespace with a fresh subdomain of {@code parent}, {@code ns-<random>.<parent>}, for servers
   * that only accept mail for declared local domains.
   */
  public static Namespace of(MailInspector inspector, String parent) {
    if (parent == null || parent.isBlank() || parent.contains("@") || parent.startsWith(".") || parent.endsWith(".")) {
      throw new IllegalArgumentException("parent must be a domain name like example.test, got '" + parent + "'");
    }
    return new Namespace(inspector, "ns-" + randomLabel() + "." + parent.trim());
  }

  /** This namespace's domain, lower case. */
  public String domain() {
    return domain;
  }

  /** An address in this namespace: {@code local@domain}. */
  public String address(String local) {
    if (local == null || local.isBlank() || local.contains("@") || local.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("local part must be non-blank, without '@' or spaces, got '" + local + "'");
    }
    return local + suffix;
  }

  /** True when one of the message's envelope recipients is in this namespace. */
  public boolean contains(ReceivedMessage message) {
    return message.envelope().recipientAddresses().stream().anyMatch(this::isOwnAddress);
  }

  @Override
  public List<ReceivedMessage> messages(MessageFilter filter) {
    return inspector.messages(filter).stream().filter(this::contains).toList();
  }

  @Override
  public Optional<ReceivedMessage> message(String id) {
    return inspector.message(id).filter(this::contains);
  }

  /**
   * Waits until {@code count} messages of this namespace match. Built on the server's own bounded
   * wait: each round waits for as many more matches as this namespace still lacks, so mail for other
   * namespaces can only make it go round again, never make it miss.
   */
  @Override
  public List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    Objects.requireNonNull(filter, "filter");
    Instant deadline = Instant.now().plus(timeout);
    int wanted = count;
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      List<ReceivedMessage> all;
      try {
        all = inspector.awaitMessages(filter, wanted, left.isNegative() ? Duration.ZERO : left);
      } catch (AssertionError e) {
        throw failure(filter, count, timeout, e);
      }
      List<ReceivedMessage> mine = all.stream().filter(this::contains).toList();
      if (mine.size() >= count) {
        return mine;
      }
      if (!Instant.now().isBefore(deadline)) {
        throw failure(filter, count, timeout, null);
      }
      wanted = all.size() + (count - mine.size());
    }
  }

  /** Removes this namespace's messages; other namespaces' mail stays. */
  @Override
  public void purge() {
    for (ReceivedMessage m : messages()) {
      inspector.delete(m.id());
    }
  }

  /** Removes one of this namespace's messages; false when it is not there or not in this namespace. */
  @Override
  public boolean delete(String id) {
    return message(id).isPresent() && inspector.delete(id);
  }

  /** Scoped: the relay attempts to a recipient in this namespace. */
  @Override
  public List<DeliveryAttempt> deliveries() {
    return inspector.deliveries().stream().filter(a -> isOwnAddress(a.recipient())).toList();
  }

  /**
   * Scoped: rules that match a recipient in this namespace ({@code Fault.at(RCPT).to(ns.address("bob"))});
   * a rule without such a {@code to} is refused, since it would fail other tests' mail too.
   */
  @Override
  public FaultRules faults() {
    FaultRules server = inspector.faults();
    return new FaultRules() {
      @Override
      public Fault add(Fault rule) {
        if (rule.match().to() == null || !isOwnAddress(rule.match().to())) {
          throw new IllegalArgumentException("a fault rule added in namespace " + domain + " must match a recipient "
              + "in it, e.g. .to(ns.address(\"bob\")); got " + rule.describe()
              + " (add server-wide rules on the server's own inspector)");
        }
        return server.add(rule);
      }

      @Override
      public List<Fault> list() {
        return server.list().stream().filter(Namespace.this::isOwnRule).toList();
      }

      @Override
      public boolean remove(String id) {
        return list().stream().anyMatch(f -> f.id().equals(id)) && server.remove(id);
      }

      @Override
      public void clear() {
        list().forEach(f -> server.remove(f.id()));
      }

      @Override
      public String toString() {
        return "FaultRules[" + domain + "]";
      }
    };
  }

  private boolean isOwnRule(Fault f) {
    return f.match().to() != null && isOwnAddress(f.match().to());
  }

  /** Scoped: the declared users whose address is in this namespace. */
  @Override
  public List<User> users() {
    return inspector.users().stream().filter(u -> isOwnAddress(u.address())).toList();
  }

  /**
   * Refused: declaring a user makes the whole shared server strict (unknown recipients refused), which
   * would break other tests.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void addUser(User user) {
    throw refused("addUser", "declaring a user makes the whole shared server strict (every undeclared recipient is "
        + "refused, in every namespace); declare users when the server starts");
  }

  /** Scoped: removes a user only when its address is in this namespace. */
  @Override
  public boolean removeUser(String address) {
    return isOwnAddress(address) && inspector.removeUser(address);
  }

  /**
   * Refused: a reset clears every test's messages, rules and users.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void reset() {
    throw refused("reset", "it would clear the messages, rules and users of every test sharing the server; "
        + "purge() removes this namespace's messages");
  }

  /**
   * Refused: sessions are the shared server's, and a session says which namespace it served only
   * once it names a recipient.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public List<SessionRecord> sessions() {
    throw refused("sessions", "sessions belong to the whole shared server; ask its own inspector");
  }

  /**
   * Refused: the simulated DNS is server-wide.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public DnsControl dns() {
    throw refused("dns", "the simulated DNS is shared by every test on the server; use the server's own inspector");
  }

  /**
   * Refused: the simulated clock is server-wide.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public ClockControl clock() {
    throw refused("clock", "moving the shared clock moves it for every test on the server; use the server's own "
        + "inspector");
  }

  private UnsupportedOperationException refused(String method, String why) {
    return new UnsupportedOperationException("Namespace[" + domain + "]." + method + "(): " + why);
  }

  @Override
  public String toString() {
    return "Namespace[" + domain + "]";
  }

  private boolean isOwnAddress(String address) {
    return address != null && address.toLowerCase(Locale.ROOT).endsWith(suffix);
  }

  private AssertionError failure(MessageFilter filter, int count, Duration timeout, AssertionError cause) {
    List<ReceivedMessage> mine = messages();
    StringBuilder sb = new StringBuilder("in namespace ").append(domain).append(": expected ")
        .append(count == 1 ? "a message" : count + " messages").append(" matching ").append(filter)
        .append(" within ").append(timeout.toMillis()).append("ms, but ")
        .append(mine.stream().filter(filter::matches).count()).append(" matched; ")
        .append(mine.size()).append(mine.size() == 1 ? " message" : " messages").append(" arrived in this namespace");
    mine.stream().limit(10).forEach(m -> sb.append("\n  ").append(m.summary()));
    AssertionError e = new AssertionError(sb.toString());
    if (cause != null) {
      e.addSuppressed(cause);
    }
    return e;
  }

  private static String randomLabel() {
    char[] c = new char[8];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
