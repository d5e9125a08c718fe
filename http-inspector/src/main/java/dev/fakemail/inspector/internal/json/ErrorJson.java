package dev.fakemail.inspector.internal.json;

/** Every error answer: {@code {"error": "...", "status": N}}. */
public record ErrorJson(String error, int status) {}
