package dev.fakemail.inspector.internal.json;

/**
 * The body of {@code POST /api/v1/faults}: either a rule ({@code stage}, {@code action} and the
 * rest, every field but {@code stage} optional) or a preset ({@code preset} with its own fields,
 * optionally narrowed by {@code match}). Numbers are boxed so that an absent field can be told
 * from zero. An {@code id} and a {@code fired} count are ignored (the server assigns the one and
 * counts the other), so that a listed rule can be posted back as it is.
 */
public record FaultRequestJson(String id, String stage, FaultJson.MatchJson match, String action, String reply, Long delayMs,
                               Integer times, Integer after, Double probability, Long seed, Long windowMs,
                               Long greylistMs, String preset, Long retryAfterMs, Integer messages, String address,
                               Boolean permanent, Long fired) {}
