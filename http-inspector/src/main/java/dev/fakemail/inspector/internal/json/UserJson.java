package dev.fakemail.inspector.internal.json;

/** A declared user as the API shows it: never with the password. */
public record UserJson(String address, String login) {}
