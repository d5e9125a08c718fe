package dev.fakemail.core;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A rule that makes one stage of a session fail in a chosen way: reply with a given error, delay,
 * disconnect, or abort the TLS handshake; for the next N matches, after the first N, or with a
 * seeded probability (the same seed gives the same sequence on every run).
 *
 * <p>A rule is built only through its {@link Builder}: {@link #at(Stage)} names the stage, the
 * builder narrows which sessions it applies to, and exactly one action ({@link Builder#reply},
 * {@link Builder#delay}, {@link Builder#disconnect}, {@link Builder#tlsFail}) says what happens. A
 * builder without an action cannot be built. {@link FaultRules#add(Builder)} builds it for you:
 *
 * <pre>{@code
 * server.faults().add(Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full").times(1));
 * server.faults().add(Fault.at(Fault.Stage.END_OF_DATA).reply("451 4.3.0 try again").probability(0.3, 42));
 * Fault slow = Fault.at(Fault.Stage.MAIL).delay(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * <p>Values are immutable; {@link #toBuilder()} starts a changed copy.
 */
public final class Fault {

  /** Where in a session the rule applies. */
  public enum Stage {
    /** Right after the TCP connection is accepted, before any greeting (or TLS handshake on SMTPS/IMAPS/POP3S). */
    CONNECT,
    /** The SMTP greeting: a REPLY replaces the 220 and the connection closes. */
    GREETING,
    /** SMTP EHLO or HELO. */
    EHLO,
    /** SMTP STARTTLS (and the TLS handshake after it). */
    STARTTLS,
    /** SMTP AUTH, after the credentials are read (so {@code user} can match). */
    AUTH,
    /** SMTP MAIL FROM. */
    MAIL,
    /** SMTP RCPT TO. */
    RCPT,
    /** The DATA command: a REPLY replaces the 354; DISCONNECT cuts the transfer midway. */
    DATA,
    /** After the message content is read, before it is stored: a REPLY refuses it (nothing stored). */
    END_OF_DATA,
    /** POP3 USER/PASS/AUTH and IMAP LOGIN/AUTHENTICATE. */
    LOGIN,
    /** POP3 RETR and TOP. */
    RETR,
    /** IMAP FETCH of message content. */
    FETCH,
    /**
     * A send through a provider's HTTP API (SendGrid, SES, ...), before anything is stored: a REPLY
     * answers with its code as the HTTP status and the provider's error body ({@code "429 Retry-After: 5"}
     * adds that header), DELAY holds the request (a timeout for the SDK), DISCONNECT closes the
     * connection without an answer. {@link Builder#provider} matches the provider name, {@code user} the key id.
     */
    API;

    /**
     * Parses a stage name in any case, with {@code -} for {@code _} ({@code end-of-data}).
     *
     * @param s the name
     * @return the stage
     * @throws IllegalArgumentException naming the stages when there is none of that name
     */
    public static Stage parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown stage '" + s + "'; expected one of " + Arrays.toString(values()));
      }
    }
  }

  /** What happens when the rule fires. */
  public enum Action {
    /** Send {@link #reply()} instead of the normal answer. */
    REPLY,
    /** Wait {@link #delay()}, then carry on normally. */
    DELAY,
    /** Close the connection without a reply (during DATA: in the middle of the transfer). */
    DISCONNECT,
    /** Abort the TLS handshake (stages CONNECT on an implicit-TLS listener, and STARTTLS). */
    TLS_FAIL;

    /**
     * Parses an action name in any case, with {@code -} for {@code _}.
     *
     * @param s the name
     * @return the action
     * @throws IllegalArgumentException naming the actions when there is none of that name
     */
    public static Action parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown action '" + s + "'; expected REPLY, DELAY, DISCONNECT or TLS_FAIL");
      }
    }
  }

  /**
   * Which sessions a rule applies to; a null field matches anything. Addresses compare in any case.
   * Set through the {@link Builder} ({@code from}, {@code to}, {@code user}, {@code listener},
   * {@code provider}, {@code clientAddress}).
   */
  public static final class Match {
    /** Matches every session. */
    public static final Match ANY = new Match(null, null, null, null, null, null);

    private final String from;
    private final String to;
    private final String user;
    private final Listener listener;
    private final String provider;
    private final String clientAddress;

    private Match(String from, String to, String user, Listener listener, String provider, String clientAddress) {
      this.from = from;
      this.to = to;
      this.user = user;
      this.listener = listener;
      this.provider = provider;
      this.clientAddress = clientAddress;
    }

    /**
     * @return the envelope sender (MAIL FROM) to match, or null
     */
    public String from() {
      return from;
    }

    /**
     * @return a recipient (RCPT TO; at DATA/END_OF_DATA any recipient of the message) to match, or null
     */
    public String to() {
      return to;
    }

    /**
     * @return the login (AUTH, POP3/IMAP login; the key id at stage API) to match, or null
     */
    public String user() {
      return user;
    }

    /**
     * @return the listener to match, or null
     */
    public Listener listener() {
      return listener;
    }

    /**
     * @return the provider ({@code sendgrid}, {@code ses}, ...) to match at stage {@link Stage#API}, or null
     */
    public String provider() {
      return provider;
    }

    /**
     * @return the client's IP address to match, or null
     */
    public String clientAddress() {
      return clientAddress;
    }

    /**
     * @return true when every field is null: the rule applies to every session
     */
    public boolean isAny() {
      return from == null && to == null && user == null && listener == null && provider == null && clientAddress == null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Match m && Objects.equals(from, m.from) && Objects.equals(to, m.to)
          && Objects.equals(user, m.user) && listener == m.listener && Objects.equals(provider, m.provider)
          && Objects.equals(clientAddress, m.clientAddress);
    }

    @Override
    public int hashCode() {
      return Objects.hash(from, to, user, listener, provider, clientAddress);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (from != null) sb.append(" from=").append(from);
      if (to != null) sb.append(" to=").append(to);
      if (user != null) sb.append(" user=").append(user);
      if (listener != null) sb.append(" listener=").append(listener.id());
      if (provider != null) sb.append(" provider=").append(provider);
      if (clientAddress != null) sb.append(" client=").append(clientAddress);
      return sb.length() == 0 ? "any" : sb.substring(1);
    }
  }

  private static final Duration MAX_DELAY = Duration.ofMinutes(10);

  private final String id;
  private final Stage stage;
  private final Match match;
  private final Action action;
  private final String reply;
  private final Duration delay;
  private final int times;
  private final int after;
  private final double probability;
  private final long seed;
  private final Duration window;
  private final Duration greylist;

  private Fault(Builder b, String id) {
    this.id = id;
    this.stage = b.stage;
    this.match = b.match;
    this.action = b.action;
    this.reply = b.reply;
    this.delay = b.delay;
    this.times = b.times;
    this.after = b.after;
    this.probability = b.probability;
    this.seed = b.seed;
    this.window = b.window;
    this.greylist = b.greylist;
  }

  /**
   * Starts a rule for a stage; give it an action before it is built.
   *
   * @param stage where in a session the rule applies
   * @return a builder matching every session at that stage, without an action yet
   */
  public static Builder at(Stage stage) {
    return new Builder(Objects.requireNonNull(stage, "stage"));
  }

  /**
   * @return a builder holding this rule's settings (but not its id), to build a changed copy
   */
  public Builder toBuilder() {
    Builder b = new Builder(stage);
    b.match = match;
    b.action = action;
    b.reply = reply;
    b.delay = delay;
    b.times = times;
    b.after = after;
    b.probability = probability;
    b.seed = seed;
    b.window = window;
    b.greylist = greylist;
    return b;
  }

  /** The same rule with the id a rule set assigned; for the rule sets (in-process and remote). */
  Fault withId(String newId) {
    return new Fault(toBuilder(), newId == null ? "" : newId);
  }

  /**
   * @return the id assigned when the rule was added ({@link FaultRules#add}); empty before
   */
  public String id() {
    return id;
  }

  /**
   * @return where in a session the rule applies
   */
  public Stage stage() {
    return stage;
  }

  /**
   * @return which sessions the rule applies to
   */
  public Match match() {
    return match;
  }

  /**
   * @return what happens when the rule fires
   */
  public Action action() {
    return action;
  }

  /**
   * @return the reply line of a {@link Action#REPLY} rule; empty for the other actions
   */
  public String reply() {
    return reply;
  }

  /**
   * @return how long a {@link Action#DELAY} rule waits; zero for the other actions
   */
  public Duration delay() {
    return delay;
  }

  /**
   * @return how many matches fire before the rule is spent; 0 = no limit
   */
  public int times() {
    return times;
  }

  /**
   * @return how many matches pass untouched before the rule starts to fire (within {@link #window()} when set)
   */
  public int after() {
    return after;
  }

  /**
   * @return the chance that a match fires (1 = always), drawn from a generator seeded with {@link #seed()}
   */
  public double probability() {
    return probability;
  }

  /**
   * @return the seed of the draws of {@link #probability()}
   */
  public long seed() {
    return seed;
  }

  /**
   * @return when positive, {@link #after()} counts only the matches of the last {@code window} (a rate limit); zero otherwise
   */
  public Duration window() {
    return window;
  }

  /**
   * @return when positive, greylisting: the first attempt of each (sender, recipient, client) fires, and so does every
   *     retry until this much time has passed since that first attempt; later retries pass. Zero otherwise
   */
  public Duration greylist() {
    return greylist;
  }

  /**
   * The rule a {@link FakeMailFault} annotation describes, checked.
   *
   * @throws IllegalArgumentException when the annotation's values do not make a valid rule
   */
  public static Fault from(FakeMailFault a) {
    Builder f = at(a.stage());
    switch (a.action()) {
      case REPLY -> f.reply(a.reply());
      case DELAY -> f.delay(Duration.ofMillis(a.delayMs()));
      case DISCONNECT -> f.disconnect();
      case TLS_FAIL -> f.tlsFail();
    }
    if (!a.from().isBlank()) {
      f.from(a.from());
    }
    if (!a.to().isBlank()) {
      f.to(a.to());
    }
    if (!a.user().isBlank()) {
      f.user(a.user());
    }
    if (!a.listener().isBlank()) {
      f.listener(Listener.fromId(a.listener()));
    }
    if (!a.provider().isBlank()) {
      f.provider(a.provider());
    }
    f.times(a.times()).after(a.after());
    if (a.probability() != 1.0 || a.seed() != 0) {
      f.probability(a.probability(), a.seed());
    }
    return f.build();
  }

  /**
   * Reads like the rule: {@code RCPT to=bob@x.test -> REPLY "452 4.2.2 full" x1}.
   * @return the description
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(stage.name());
    if (!match.isAny()) sb.append(' ').append(match);
    sb.append(" -> ").append(action);
    if (action == Action.REPLY) sb.append(" \"").append(reply).append('"');
    if (action == Action.DELAY) sb.append(' ').append(delay.toMillis()).append("ms");
    if (times > 0) sb.append(" x").append(times);
    if (after > 0) sb.append(" after ").append(after);
    if (probability < 1) sb.append(" p=").append(probability).append(" seed=").append(seed);
    if (!window.isZero()) sb.append(" per ").append(window.toMillis()).append("ms");
    if (!greylist.isZero()) sb.append(" greylist ").append(greylist.toMillis()).append("ms");
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fault f && id.equals(f.id) && stage == f.stage && match.equals(f.match) && action == f.action
        && reply.equals(f.reply) && delay.equals(f.delay) && times == f.times && after == f.after
        && Double.compare(probability, f.probability) == 0 && seed == f.seed && window.equals(f.window)
        && greylist.equals(f.greylist);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, stage, match, action, reply, delay, times, after, probability, seed, window, greylist);
  }

  @Override
  public String toString() {
    return "Fault[" + (id.isEmpty() ? "" : id + ": ") + describe() + "]";
  }

  /**
   * Builds a {@link Fault}: which sessions (any when nothing is set), one action, and how often. Each
   * method changes this builder and returns it; {@link #build()} checks the whole and says what is wrong.
   */
  public static final class Builder {
    private final Stage stage;
    private Match match = Match.ANY;
    private Action action;
    private String reply = "";
    private Duration delay = Duration.ZERO;
    private int times;
    private int after;
    private double probability = 1.0;
    private long seed;
    private Duration window = Duration.ZERO;
    private Duration greylist = Duration.ZERO;

    private Builder(Stage stage) {
      this.stage = stage;
    }

    /**
     * @return the stage given to {@link Fault#at(Stage)}
     */
    public Stage stage() {
      return stage;
    }

    // ---- which sessions ----

    /**
     * @param address the envelope sender (MAIL FROM) to match, any case; null for any
     * @return this builder
     */
    public Builder from(String address) {
      match = new Match(blankToNull(address), match.to, match.user, match.listener, match.provider, match.clientAddress);
      return this;
    }

    /**
     * @param address a recipient to match, any case; null for any
     * @return this builder
     */
    public Builder to(String address) {
      match = new Match(match.from, blankToNull(address), match.user, match.listener, match.provider, match.clientAddress);
      return this;
    }

    /**
     * @param login the login (or, at stage API, the key id) to match; null for any
     * @return this builder
     */
    public Builder user(String login) {
      match = new Match(match.from, match.to, blankToNull(login), match.listener, match.provider, match.clientAddress);
      return this;
    }

    /**
     * @param listener the listener to match; null for any
     * @return this builder
     */
    public Builder listener(Listener listener) {
      match = new Match(match.from, match.to, match.user, listener, match.provider, match.clientAddress);
      return this;
    }

    /**
     * @param name the provider ({@code sendgrid}, {@code ses}, ...) to match at stage {@link Stage#API}; null for any
     * @return this builder
     */
    public Builder provider(String name) {
      String p = blankToNull(name);
      match = new Match(match.from, match.to, match.user, match.listener, p == null ? null : p.toLowerCase(Locale.ROOT),
          match.clientAddress);
      return this;
    }

    /**
     * @param ip the client's IP address to match; null for any
     * @return this builder
     */
    public Builder clientAddress(String ip) {
      match = new Match(match.from, match.to, match.user, match.listener, match.provider, blankToNull(ip));
      return this;
    }

    // ---- the action (exactly one; the last one set wins) ----

    /**
     * Answers with this reply instead of the normal one.
     *
     * @param replyLine a full reply line with a 4xx or 5xx code, e.g. {@code "451 4.7.1 try again later"}
     * @return this builder
     */
    public Builder reply(String replyLine) {
      action = Action.REPLY;
      reply = replyLine == null ? "" : replyLine;
      delay = Duration.ZERO;
      return this;
    }

    /**
     * Waits, then carries on normally.
     *
     * @param d how long, more than zero and at most 10 minutes
     * @return this builder
     */
    public Builder delay(Duration d) {
      action = Action.DELAY;
      delay = Objects.requireNonNull(d, "delay");
      reply = "";
      return this;
    }

    /**
     * Closes the connection without a reply.
     * @return this builder
     */
    public Builder disconnect() {
      action = Action.DISCONNECT;
      reply = "";
      delay = Duration.ZERO;
      return this;
    }

    /**
     * Aborts the TLS handshake (stages CONNECT on an implicit-TLS listener, and STARTTLS).
     * @return this builder
     */
    public Builder tlsFail() {
      action = Action.TLS_FAIL;
      reply = "";
      delay = Duration.ZERO;
      return this;
    }

    // ---- how often ----

    /**
     * Fires for the next {@code n} matches only (0: no limit).
     * @param n the count
     * @return this builder
     */
    public Builder times(int n) {
      times = n;
      return this;
    }

    /**
     * Lets the first {@code n} matches pass, then fires.
     * @param n the count
     * @return this builder
     */
    public Builder after(int n) {
      after = n;
      return this;
    }

    /**
     * Fires each match with probability {@code p}, drawn from a generator seeded with {@code seed}.
     *
     * @param p in (0, 1]
     * @param seed the same seed gives the same sequence on every run
     * @return this builder
     */
    public Builder probability(double p, long seed) {
      this.probability = p;
      this.seed = seed;
      return this;
    }

    /**
     * Counts {@code after} over a sliding window: with {@code after(n)}, fires from the n+1th match in any window.
     *
     * @param window the window (zero: none)
     * @return this builder
     */
    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Greylisting: fires for each new (sender, recipient, client) until {@code retryAfter} has passed.
     *
     * @param retryAfter how long a retry is refused (zero: no greylisting)
     * @return this builder
     */
    public Builder greylist(Duration retryAfter) {
      this.greylist = Objects.requireNonNull(retryAfter, "retryAfter");
      return this;
    }

    /**
     * Checks the rule and builds it.
     *
     * @return the rule, without an id until it is added
     * @throws IllegalStateException when no action was given
     * @throws IllegalArgumentException naming what is wrong with the settings
     */
    public Fault build() {
      if (action == null) {
        throw new IllegalStateException("Fault.at(" + stage + ") has no action: finish it with reply(\"4xx/5xx ...\"), "
            + "delay(Duration), disconnect() or tlsFail()");
      }
      switch (action) {
        case REPLY -> {
          if (!reply.matches("[45]\\d\\d( .*)?")) {
            throw new IllegalArgumentException("reply must be a full reply line with a 4xx or 5xx code, e.g. "
                + "\"451 4.7.1 try again later\"; got \"" + reply + "\"");
          }
        }
        case DELAY -> {
          if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be more than 0 and at most 10 minutes, got " + delay);
          }
        }
        case TLS_FAIL -> {
          if (stage != Stage.CONNECT && stage != Stage.STARTTLS) {
            throw new IllegalArgumentException("TLS_FAIL applies to the stages CONNECT (implicit TLS) and STARTTLS, not " + stage);
          }
        }
        case DISCONNECT -> { }
      }
      if (times < 0 || after < 0 || window.isNegative() || greylist.isNegative()) {
        throw new IllegalArgumentException("times, after, window and greylist must not be negative");
      }
      if (!window.isZero() && after == 0) {
        throw new IllegalArgumentException("a window needs after > 0: the number of matches allowed per window");
      }
      if (!(probability > 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
      }
      return new Fault(this, "");
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }
}
