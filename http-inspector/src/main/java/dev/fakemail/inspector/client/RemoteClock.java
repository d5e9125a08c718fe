package dev.fakemail.inspector.client;

import dev.fakemail.core.ClockControl;
import dev.fakemail.inspector.internal.ApiPaths;
import dev.fakemail.inspector.internal.json.ClockAdvanceJson;
import dev.fakemail.inspector.internal.json.ClockJson;
import java.time.Duration;
import java.util.Objects;

/** The simulated clock of a remote server ({@link FakeMailClient#clock()}), over {@code /api/v1/clock}. */
final class RemoteClock implements ClockControl {
  private final ApiConnection api;

  RemoteClock(ApiConnection api) {
    this.api = api;
  }

  @Override
  public Duration advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; got " + amount);
    }
    return Duration.ofMillis(api.call("POST", ApiPaths.expand(ApiPaths.CLOCK_ADVANCE),
        new ClockAdvanceJson(amount.toString()), ClockJson.class).offsetMs());
  }

  @Override
  public Duration offset() {
    return Duration.ofMillis(api.call("GET", ApiPaths.expand(ApiPaths.CLOCK), null, ClockJson.class).offsetMs());
  }

  @Override
  public String toString() {
    return "RemoteClock[" + api.base() + "]";
  }
}
