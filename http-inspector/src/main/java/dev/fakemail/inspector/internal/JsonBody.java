package dev.fakemail.inspector.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a JSON request body into a record, for the routes that take one (users, DNS records,
 * faults). Must run in a blocking handler. A missing or other content type is 415 (only
 * {@code application/json}: a browser cannot send it cross-site without a CORS preflight). Empty body
 * and malformed JSON are 400, and so is a field the record does not have (a typo must not pass
 * silently); a body past the limit is 413 (a declared length is refused earlier by {@link BodyLimit}).
 */
public final class JsonBody {
  private final Supplier<ObjectMapper> mapper;
  private final int maxBytes;

  public JsonBody(Supplier<ObjectMapper> mapper, int maxBytes) {
    this.mapper = mapper;
    this.maxBytes = maxBytes;
  }

  public <T> T read(HttpServerExchange exchange, Class<T> type) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "the body must be sent with Content-Type: application/json, got "
          + (contentType == null ? "none" : contentType));
    }
    byte[] body;
    try (InputStream in = exchange.getInputStream()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      exchange.setPersistent(false);
      throw new ApiException(413, "request body larger than " + maxBytes + " bytes");
    }
    if (body.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    T value;
    try {
      value = mapper.get().readerFor(type)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(body);
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest("unknown field \"" + e.getPropertyName() + "\"; expected some of "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    } catch (MismatchedInputException e) {
      throw ApiException.badRequest("unexpected JSON: " + e.getOriginalMessage());
    }
    if (value == null) {
      throw ApiException.badRequest("a JSON body is required, got null");
    }
    return value;
  }
}
