package dev.fakemail.inspector.internal;

/** One route of the API: a method and a path template such as {@code /api/v1/messages/{id}}. */
public record Route(String method, String path) {}
