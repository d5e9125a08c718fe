package dev.fakemail.inspector.internal;

import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.inspector.internal.json.FaultJson;
import dev.fakemail.inspector.internal.json.FaultRequestJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/faults}: adds a rule, or a preset ({@code greylisting}, {@code rateLimit},
 * {@code mailboxFull}), and answers 201 with the stored rule and its id. An invalid rule is a 400
 * with the reason {@link Fault.Builder#build()} gives.
 */
public final class AddFaultHandler implements HttpHandler {
  static final long DEFAULT_RETRY_AFTER_MS = 60_000;
  static final long DEFAULT_WINDOW_MS = 60_000;

  private final Inspected in;
  private final JsonBody body;

  public AddFaultHandler(Inspected in, JsonBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    FaultRequestJson req = body.read(exchange, FaultRequestJson.class);
    Fault stored;
    try {
      stored = in.server().faults().add(rule(req));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    exchange.getResponseHeaders().put(Headers.LOCATION, "/api/v1/faults/" + stored.id());
    in.responses().json(exchange, 201, FaultJson.of(stored, 0L)); // new: not fired yet
  }

  /** The rule a request describes, not yet validated; IllegalArgumentException says what is wrong. */
  static Fault rule(FaultRequestJson r) {
    return r.preset() != null ? preset(r) : plain(r);
  }

  private static Fault plain(FaultRequestJson r) {
    List<String> presetFields = present(r.retryAfterMs(), "retryAfterMs", r.messages(), "messages", r.address(), "address",
        r.permanent(), "permanent");
    if (!presetFields.isEmpty()) {
      throw new IllegalArgumentException(presetFields + " belong to a preset; add \"preset\" or leave them out");
    }
    if (r.stage() == null || r.stage().isBlank()) {
      throw new IllegalArgumentException("a rule needs a \"stage\" (CONNECT, GREETING, EHLO, STARTTLS, AUTH, MAIL, RCPT, "
          + "DATA, END_OF_DATA, LOGIN, RETR, FETCH), or a \"preset\" (greylisting, rateLimit, mailboxFull)");
    }
    Fault.Action action = action(r);
    Fault.Stage stage = Fault.Stage.parse(r.stage());
    Fault.Builder b = Fault.at(stage);
    if (r.match() != null) {
      r.match().applyTo(b, stage);
    }
    switch (action) {
      case REPLY -> b.reply(r.reply());
      case DELAY -> b.delay(Duration.ofMillis(or(r.delayMs(), 0L)));
      case DISCONNECT -> b.disconnect();
      case TLS_FAIL -> b.tlsFail();
    }
    return b.times(or(r.times(), 0)).after(or(r.after(), 0)).probability(or(r.probability(), 1.0), or(r.seed(), 0L))
        .window(Duration.ofMillis(or(r.windowMs(), 0L))).greylist(Duration.ofMillis(or(r.greylistMs(), 0L))).build();
  }

  /** The action given, or the one the other fields imply: a reply means REPLY, a delay DELAY. */
  private static Fault.Action action(FaultRequestJson r) {
    if (r.action() != null && !r.action().isBlank()) {
      return Fault.Action.parse(r.action());
    }
    if (r.reply() != null && r.delayMs() == null) {
      return Fault.Action.REPLY;
    }
    if (r.delayMs() != null && r.reply() == null) {
      return Fault.Action.DELAY;
    }
    throw new IllegalArgumentException("a rule needs an \"action\": REPLY (with \"reply\"), DELAY (with \"delayMs\"), "
        + "DISCONNECT or TLS_FAIL");
  }

  private static Fault preset(FaultRequestJson r) {
    List<String> ruleFields = present(r.stage(), "stage", r.action(), "action", r.reply(), "reply", r.delayMs(), "delayMs",
        r.times(), "times", r.after(), "after", r.probability(), "probability", r.seed(), "seed",
        r.greylistMs(), "greylistMs");
    String name = r.preset().strip();
    if (!ruleFields.isEmpty()) {
      throw new IllegalArgumentException("the preset " + name + " sets " + ruleFields + " itself; leave them out");
    }
    Fault.Builder f = switch (name.toLowerCase(Locale.ROOT)) {
      case "greylisting" -> {
        only(name, r.messages(), "messages", r.address(), "address", r.windowMs(), "windowMs", r.permanent(), "permanent");
        long ms = or(r.retryAfterMs(), DEFAULT_RETRY_AFTER_MS);
        if (ms < 0) {
          throw new IllegalArgumentException("retryAfterMs must not be negative, got " + ms);
        }
        yield Faults.greylisting(Duration.ofMillis(ms));
      }
      case "ratelimit" -> {
        only(name, r.retryAfterMs(), "retryAfterMs", r.address(), "address", r.permanent(), "permanent");
        if (r.messages() == null || r.messages() < 1) {
          throw new IllegalArgumentException("the rateLimit preset needs \"messages\" >= 1: how many MAIL commands "
              + "pass per window, got " + r.messages());
        }
        long ms = or(r.windowMs(), DEFAULT_WINDOW_MS);
        if (ms < 1) {
          throw new IllegalArgumentException("windowMs must be positive, got " + ms);
        }
        yield Faults.rateLimit(r.messages(), Duration.ofMillis(ms));
      }
      case "mailboxfull" -> {
        only(name, r.retryAfterMs(), "retryAfterMs", r.messages(), "messages", r.windowMs(), "windowMs");
        if (r.address() == null || !r.address().contains("@")) {
          throw new IllegalArgumentException("the mailboxFull preset needs \"address\": the full mailbox, got "
              + (r.address() == null ? "none" : "'" + r.address() + "'"));
        }
        if (r.match() != null && r.match().to() != null) {
          throw new IllegalArgumentException("the mailboxFull preset matches \"address\"; leave out match.to");
        }
        String address = r.address().strip();
        yield Boolean.TRUE.equals(r.permanent()) ? Faults.mailboxFullPermanently(address) : Faults.mailboxFull(address);
      }
      default -> throw new IllegalArgumentException("unknown preset '" + name
          + "'; expected greylisting, rateLimit or mailboxFull");
    };
    if (r.match() != null) { // the preset's match with the request's fields added
      r.match().applyTo(f, f.stage());
    }
    return f.build();
  }

  private static void only(String preset, Object... fieldsAndNames) {
    List<String> extra = present(fieldsAndNames);
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException("the preset " + preset + " does not take " + extra);
    }
  }

  /** The names of the fields (given as value, name, value, name...) that are present. */
  private static List<String> present(Object... fieldsAndNames) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fieldsAndNames.length; i += 2) {
      if (fieldsAndNames[i] != null) {
        names.add((String) fieldsAndNames[i + 1]);
      }
    }
    return names;
  }

  private static <T> T or(T value, T orElse) {
    return value != null ? value : orElse;
  }
}
