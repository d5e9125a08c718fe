package dev.fakemail.inspector.internal.json;

/** One header field, unfolded. */
public record HeaderJson(String name, String value) {}
