package dev.fakemail.inspector.internal.json;

import java.util.Map;

/** One RCPT TO with its parameters (NOTIFY, ORCPT...). */
public record RecipientJson(String address, Map<String, String> parameters) {
  public RecipientJson {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
