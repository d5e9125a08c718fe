package dev.fakemail.inspector.internal;

import dev.fakemail.core.SimulatedClock;
import dev.fakemail.inspector.internal.json.ClockJson;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/** {@code GET /api/v1/clock}: the simulated clock's offset from real time and its current instant. */
public final class ClockHandler implements HttpHandler {
  private final Inspected in;

  public ClockHandler(Inspected in) {
    this.in = in;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    SimulatedClock clock = in.server().clock();
    Duration offset = clock.offset();
    in.responses().json(exchange, new ClockJson(offset.toString(), offset.toMillis(), clock.instant()));
  }
}
