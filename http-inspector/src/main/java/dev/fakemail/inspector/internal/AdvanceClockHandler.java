package dev.fakemail.inspector.internal;

import dev.fakemail.core.SimulatedClock;
import dev.fakemail.inspector.internal.json.ClockAdvanceJson;
import dev.fakemail.inspector.internal.json.ClockJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * {@code POST /api/v1/clock/advance} with {@code {"duration": "PT5M"}} (or {@code "5m"},
 * {@code "30s"}, {@code "2h"}, {@code "1d"}): moves the simulated clock forward, so that relay
 * retries now due run at once and greylisting sees the time pass. Answers the clock's new offset.
 */
public final class AdvanceClockHandler implements HttpHandler {
  /** The most one call may move the clock: a year is past any retry schedule. */
  static final Duration MAX_STEP = Duration.ofDays(366);

  private final Inspected in;
  private final JsonBody body;

  public AdvanceClockHandler(Inspected in, JsonBody body) {
    this.in = in;
    this.body = body;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    ClockAdvanceJson req = body.read(exchange, ClockAdvanceJson.class);
    if (req.duration() == null || req.duration().isBlank()) {
      throw ApiException.badRequest("a \"duration\" is required, such as \"PT5M\", \"5m\" or \"30s\"");
    }
    Duration step = DurationText.parse("duration", req.duration());
    if (step.compareTo(MAX_STEP) > 0) {
      throw ApiException.badRequest("duration must be at most " + MAX_STEP.toDays() + " days per call, got '"
          + req.duration() + "'");
    }
    SimulatedClock clock = in.server().clock();
    clock.advance(step);
    Duration offset = clock.offset();
    in.responses().json(exchange, new ClockJson(offset.toString(), offset.toMillis(), clock.instant()));
  }
}
