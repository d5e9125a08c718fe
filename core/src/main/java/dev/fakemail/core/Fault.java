package dev.fakemail.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A rule that makes one stage of a session fail in a chosen way: reply with a given error, delay,
 * disconnect, or abort the TLS handshake; for the next N matches, after the first N, or with a
 * seeded probability (the same seed gives the same sequence on every run).
 *
 * <pre>{@code
 * server.faults().add(Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full").times(1));
 * server.faults().add(Fault.at(Fault.Stage.END_OF_DATA).reply("451 4.3.0 try again").probability(0.3, 42));
 * }</pre>
 *
 * @param id assigned when the rule is added ({@link Faults#add}); empty before
 * @param times how many matches fire before the rule is spent; 0 = no limit
 * @param after how many matches pass untouched before the rule starts to fire
 * @param probability chance that a match fires (1 = always), drawn from a generator seeded with {@code seed}
 * @param windowMs when positive, {@code after} counts only the matches of the last {@code windowMs} (a rate limit)
 * @param greylistMs when positive, greylisting: the first attempt of each (sender, recipient, client) fires, and so
 *     does every retry until {@code greylistMs} have passed since that first attempt; later retries pass
 */
public record Fault(String id, Stage stage, Match match, Action action, String reply, long delayMs, int times, int after,
                    double probability, long seed, long windowMs, long greylistMs) {

  /** Where in a session the rule applies. */
  public enum Stage {
    /** Right after the TCP connection is accepted, before any greeting (or TLS handshake on SMTPS/IMAPS/POP3S). */
    CONNECT,
    /** The SMTP greeting: a REPLY replaces the 220 and the connection closes. */
    GREETING,
    EHLO,
    STARTTLS,
    /** SMTP AUTH, after the credentials are read (so {@code user} can match). */
    AUTH,
    MAIL,
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
     * connection without an answer. {@code listener} matches the provider name, {@code user} the key id.
     */
    API;

    public static Stage parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown stage '" + s + "'; expected one of " + java.util.Arrays.toString(values()));
      }
    }
  }

  /** What happens when the rule fires. */
  public enum Action {
    /** Send {@code reply} instead of the normal answer. */
    REPLY,
    /** Wait {@code delayMs}, then carry on normally. */
    DELAY,
    /** Close the connection without a reply (during DATA: in the middle of the transfer). */
    DISCONNECT,
    /** Abort the TLS handshake (stages CONNECT on an implicit-TLS listener, and STARTTLS). */
    TLS_FAIL;

    public static Action parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown action '" + s + "'; expected REPLY, DELAY, DISCONNECT or TLS_FAIL");
      }
    }
  }

  /**
   * Which sessions the rule applies to; null fields match anything. Addresses compare in any case.
   *
   * @param from the envelope sender (MAIL FROM)
   * @param to a recipient (RCPT TO; at DATA/END_OF_DATA any recipient of the message)
   * @param user the login (AUTH, POP3/IMAP login)
   * @param listener the listener id ({@code smtp}, {@code submission}, {@code imap}, ...)
   * @param clientAddress the client's IP address
   */
  public record Match(String from, String to, String user, String listener, String clientAddress) {
    public static final Match ANY = new Match(null, null, null, null, null);

    public boolean isAny() {
      return from == null && to == null && user == null && listener == null && clientAddress == null;
    }
  }

  public Fault {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(action, "action");
    id = id == null ? "" : id;
    match = match == null ? Match.ANY : match;
    reply = reply == null ? "" : reply;
  }

  /** Starts a rule for a stage; finish it with {@link #reply}, {@link #delay}, {@link #disconnect} or {@link #tlsFail}. */
  public static Fault at(Stage stage) {
    return new Fault("", stage, Match.ANY, Action.DISCONNECT, "", 0, 0, 0, 1.0, 0, 0, 0);
  }

  /** Matches sends through this provider only ({@code sendgrid}, {@code ses}, ...): stage {@link Stage#API}. */
  public Fault provider(String name) {
    return withMatch(new Match(match.from(), match.to(), match.user(), name, match.clientAddress()));
  }

  public Fault reply(String replyLine) {
    return new Fault(id, stage, match, Action.REPLY, replyLine, 0, times, after, probability, seed, windowMs, greylistMs);
  }

  public Fault delay(Duration d) {
    return new Fault(id, stage, match, Action.DELAY, "", d.toMillis(), times, after, probability, seed, windowMs, greylistMs);
  }

  public Fault disconnect() {
    return new Fault(id, stage, match, Action.DISCONNECT, "", 0, times, after, probability, seed, windowMs, greylistMs);
  }

  public Fault tlsFail() {
    return new Fault(id, stage, match, Action.TLS_FAIL, "", 0, times, after, probability, seed, windowMs, greylistMs);
  }

  public Fault from(String address) {
    return withMatch(new Match(address, match.to(), match.user(), match.listener(), match.clientAddress()));
  }

  public Fault to(String address) {
    return withMatch(new Match(match.from(), address, match.user(), match.listener(), match.clientAddress()));
  }

  public Fault user(String login) {
    return withMatch(new Match(match.from(), match.to(), login, match.listener(), match.clientAddress()));
  }

  public Fault listener(Listener listener) {
    return withMatch(new Match(match.from(), match.to(), match.user(), listener.id(), match.clientAddress()));
  }

  public Fault clientAddress(String ip) {
    return withMatch(new Match(match.from(), match.to(), match.user(), match.listener(), ip));
  }

  public Fault withMatch(Match m) {
    return new Fault(id, stage, m, action, reply, delayMs, times, after, probability, seed, windowMs, greylistMs);
  }

  /** Fires for the next {@code n} matches only. */
  public Fault times(int n) {
    return new Fault(id, stage, match, action, reply, delayMs, n, after, probability, seed, windowMs, greylistMs);
  }

  /** Lets the first {@code n} matches pass, then fires. */
  public Fault after(int n) {
    return new Fault(id, stage, match, action, reply, delayMs, times, n, probability, seed, windowMs, greylistMs);
  }

  /** Fires each match with probability {@code p}, drawn from a generator seeded with {@code seed}. */
  public Fault probability(double p, long seed) {
    return new Fault(id, stage, match, action, reply, delayMs, times, after, p, seed, windowMs, greylistMs);
  }

  /** Counts {@code after} over a sliding window: with {@code after(n)}, fires from the n+1th match in any window. */
  public Fault window(Duration window) {
    return new Fault(id, stage, match, action, reply, delayMs, times, after, probability, seed, window.toMillis(), greylistMs);
  }

  /** Greylisting: fires for each new (sender, recipient, client) until {@code retryAfter} has passed. */
  public Fault greylist(Duration retryAfter) {
    return new Fault(id, stage, match, action, reply, delayMs, times, after, probability, seed, windowMs, retryAfter.toMillis());
  }

  /** Checks the rule and says what is wrong, for API and REST callers alike. */
  public Fault validate() {
    switch (action) {
      case REPLY -> {
        if (!reply.matches("[45]\\d\\d( .*)?")) {
          throw new IllegalArgumentException("reply must be a full reply line with a 4xx or 5xx code, e.g. "
              + "\"451 4.7.1 try again later\"; got \"" + reply + "\"");
        }
      }
      case DELAY -> {
        if (delayMs <= 0 || delayMs > 600_000) {
          throw new IllegalArgumentException("delayMs must be between 1 and 600000, got " + delayMs);
        }
      }
      case TLS_FAIL -> {
        if (stage != Stage.CONNECT && stage != Stage.STARTTLS) {
          throw new IllegalArgumentException("TLS_FAIL applies to the stages CONNECT (implicit TLS) and STARTTLS, not " + stage);
        }
      }
      case DISCONNECT -> { }
    }
    if (times < 0 || after < 0 || windowMs < 0 || greylistMs < 0) {
      throw new IllegalArgumentException("times, after, windowMs and greylistMs must not be negative");
    }
    if (windowMs > 0 && after == 0) {
      throw new IllegalArgumentException("a window needs after > 0: the number of matches allowed per window");
    }
    if (!(probability > 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1], got " + probability);
    }
    return this;
  }

  /**
   * The rule a {@link FakeMailFault} annotation describes, checked.
   *
   * @throws IllegalArgumentException when the annotation's values do not make a valid rule
   */
  public static Fault from(FakeMailFault a) {
    Fault f = at(a.stage());
    f = switch (a.action()) {
      case REPLY -> f.reply(a.reply());
      case DELAY -> f.delay(Duration.ofMillis(a.delayMs()));
      case DISCONNECT -> f.disconnect();
      case TLS_FAIL -> f.tlsFail();
    };
    if (!a.from().isBlank()) {
      f = f.from(a.from());
    }
    if (!a.to().isBlank()) {
      f = f.to(a.to());
    }
    if (!a.user().isBlank()) {
      f = f.user(a.user());
    }
    if (!a.listener().isBlank()) {
      f = f.listener(Listener.fromId(a.listener()));
    }
    if (!a.provider().isBlank()) {
      f = f.provider(a.provider());
    }
    f = f.times(a.times()).after(a.after());
    if (a.probability() != 1.0 || a.seed() != 0) {
      f = f.probability(a.probability(), a.seed());
    }
    return f.validate();
  }

  /** Reads like the rule: {@code RCPT to=bob@x.test -> REPLY "452 4.2.2 full" x1}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(stage.name());
    if (match.from() != null) sb.append(" from=").append(match.from());
    if (match.to() != null) sb.append(" to=").append(match.to());
    if (match.user() != null) sb.append(" user=").append(match.user());
    if (match.listener() != null) sb.append(" listener=").append(match.listener());
    if (match.clientAddress() != null) sb.append(" client=").append(match.clientAddress());
    sb.append(" -> ").append(action);
    if (action == Action.REPLY) sb.append(" \"").append(reply).append('"');
    if (action == Action.DELAY) sb.append(' ').append(delayMs).append("ms");
    if (times > 0) sb.append(" x").append(times);
    if (after > 0) sb.append(" after ").append(after);
    if (probability < 1) sb.append(" p=").append(probability).append(" seed=").append(seed);
    if (windowMs > 0) sb.append(" per ").append(windowMs).append("ms");
    if (greylistMs > 0) sb.append(" greylist ").append(greylistMs).append("ms");
    return sb.toString();
  }
}
