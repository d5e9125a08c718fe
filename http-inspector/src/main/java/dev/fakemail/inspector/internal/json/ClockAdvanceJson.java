package dev.fakemail.inspector.internal.json;

/** The body of {@code POST /api/v1/clock/advance}: {@code "PT5M"}, {@code "5m"}, {@code "30s"}... */
public record ClockAdvanceJson(String duration) {}
