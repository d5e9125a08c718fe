package dev.fakemail.inspector.internal.json;

import java.time.Instant;

/**
 * The simulated clock: how far it is ahead of real time ({@code offset} as ISO-8601, also in
 * milliseconds) and the time it shows now.
 */
public record ClockJson(String offset, long offsetMs, Instant now) {}
