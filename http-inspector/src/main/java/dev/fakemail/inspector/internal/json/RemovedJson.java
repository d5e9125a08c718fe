package dev.fakemail.inspector.internal.json;

/** How many things a DELETE removed. */
public record RemovedJson(int removed) {}
