package dev.fakemail.inspector.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The data of one server-sent event about a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventJson(String id, String subject, String from, List<String> to, Instant receivedAt) {}
