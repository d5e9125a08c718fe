package dev.fakemail.core.internal.auth;

import dev.fakemail.core.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who may log in and who may receive mail. Open mode (no users declared): any credentials are
 * accepted (the login is recorded as the user) and any recipient gets a mailbox. Strict mode (at
 * least one user declared): only declared users log in, with their password, and only their
 * addresses receive mail. Users may change at run time; {@link #reset()} goes back to the start.
 */
public final class Accounts {
  private final Map<String, User> initial;
  private volatile Map<String, User> users; // key: lower-case address; copy-on-write
  private final Map<String, java.util.Set<String>> aliases = new java.util.concurrent.ConcurrentHashMap<>();
  private final Predicate<String> relayed;

  public Accounts(List<User> initialUsers) {
    this(initialUsers, a -> false);
  }

  /** {@code relayed}: addresses that are not local (they go to the relay), accepted in strict mode too. */
  public Accounts(List<User> initialUsers, Predicate<String> relayed) {
    this.relayed = relayed;
    Map<String, User> m = new LinkedHashMap<>();
    for (User u : initialUsers) {
      m.put(key(u.address()), u);
    }
    this.initial = Map.copyOf(m);
    this.users = m;
  }

  public boolean strict() {
    return !users.isEmpty();
  }

  public List<User> users() {
    return List.copyOf(users.values());
  }

  public synchronized void put(User user) {
    Map<String, User> m = new LinkedHashMap<>(users);
    m.put(key(user.address()), user);
    users = m;
  }

  public synchronized boolean remove(String address) {
    Map<String, User> m = new LinkedHashMap<>(users);
    boolean removed = m.remove(key(address)) != null;
    users = m;
    return removed;
  }

  public synchronized void reset() {
    users = new LinkedHashMap<>(initial);
  }

  /** The user (address) these credentials log in as, or empty when they are wrong. */
  public Optional<String> authenticate(String login, String password) {
    if (!strict()) {
      return Optional.of(login);
    }
    return find(login).filter(u -> u.password().equals(password)).map(User::address);
  }

  /** The declared user with this login name or address. */
  public Optional<User> find(String loginOrAddress) {
    String k = key(loginOrAddress);
    User u = users.get(k);
    if (u != null) {
      return Optional.of(u);
    }
    return users.values().stream().filter(x -> x.login().equalsIgnoreCase(loginOrAddress)).findFirst();
  }

  /**
   * Whether an authenticated user may use this envelope sender: its own address, one of its
   * aliases, or the null sender. Always true in open mode.
   */
  public boolean mayUseSender(String user, String sender) {
    if (!strict() || sender.isEmpty() || sender.equalsIgnoreCase(user)) {
      return true;
    }
    return aliases.getOrDefault(key(user), java.util.Set.of()).contains(key(sender));
  }

  /** Lets {@code user} send as {@code alias} too (sender check in strict mode). */
  public void alias(String user, String alias) {
    aliases.computeIfAbsent(key(user), k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(key(alias));
  }

  /** Whether mail for this address is relayed elsewhere (its domain is not a local domain). */
  public boolean relayed(String address) {
    return relayed.test(address);
  }

  /**
   * Whether mail for this address is accepted: always in open mode; in strict mode for declared
   * users and for addresses that are relayed elsewhere.
   */
  public boolean acceptsRecipient(String address) {
    return !strict() || users.containsKey(key(address)) || "postmaster".equalsIgnoreCase(address)
        || relayed.test(address);
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
