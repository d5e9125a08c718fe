package dev.fakemail.inspector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fakemail.inspector.internal.json.ErrorJson;
import dev.fakemail.inspector.internal.json.JsonMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes answers: JSON bodies, bytes with a content type, empty answers and JSON errors. */
public final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  public static final String JSON = "application/json; charset=utf-8";

  /** The shared mapper (see {@link JsonMapper#shared}); the first caller waits until it is made. */
  public ObjectMapper mapper() {
    return JsonMapper.shared().join();
  }

  public void json(HttpServerExchange exchange, int status, Object body) {
    byte[] bytes;
    try {
      bytes = mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
    }
    bytes(exchange, status, JSON, bytes);
  }

  public void json(HttpServerExchange exchange, Object body) {
    json(exchange, 200, body);
  }

  public void bytes(HttpServerExchange exchange, int status, String contentType, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  public void text(HttpServerExchange exchange, String contentType, String body) {
    bytes(exchange, 200, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public void noContent(HttpServerExchange exchange) {
    exchange.setStatusCode(204);
    exchange.endExchange();
  }

  /** Answers {@code {"error","status"}}, unless the answer has begun (or the connection is gone). */
  public void error(HttpServerExchange exchange, int status, String message) {
    if (exchange.isResponseStarted() || exchange.isComplete()) {
      exchange.endExchange();
      return;
    }
    try {
      exchange.getResponseHeaders().clear();
      json(exchange, status, new ErrorJson(message, status));
    } catch (IllegalStateException e) {
      LOG.debug("could not answer {} ({}): {}", status, message, e.getMessage());
      exchange.endExchange();
    }
  }
}
