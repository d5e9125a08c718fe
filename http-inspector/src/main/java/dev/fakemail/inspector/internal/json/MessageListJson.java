package dev.fakemail.inspector.internal.json;

import java.util.List;

/** The answer of {@code GET /api/v1/messages}: how many matched, and the page asked for. */
public record MessageListJson(int total, List<MessageSummaryJson> messages) {
  public MessageListJson {
    messages = List.copyOf(messages);
  }
}
