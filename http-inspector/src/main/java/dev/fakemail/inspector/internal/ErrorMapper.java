package dev.fakemail.inspector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become answers: {@link ApiException} with its status (400, 404,
 * 413...), malformed JSON 400, anything unexpected 500 (logged; never for a client's mistake).
 */
public final class ErrorMapper implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  private final HttpHandler next;
  private final Responses responses;

  public ErrorMapper(HttpHandler next, Responses responses) {
    this.next = next;
    this.responses = responses;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    try {
      next.handleRequest(exchange);
    } catch (Exception e) {
      map(exchange, e);
    }
  }

  private void map(HttpServerExchange exchange, Exception e) {
    if (e instanceof ApiException a) {
      responses.error(exchange, a.status(), a.getMessage());
    } else if (e instanceof JsonProcessingException j) {
      responses.error(exchange, 400, "malformed JSON: " + j.getOriginalMessage());
    } else if (e instanceof IOException) {
      LOG.debug("I/O failure on {} {}", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      exchange.endExchange();
    } else {
      LOG.warn("unexpected failure on {} {}", exchange.getRequestMethod(), exchange.getRequestPath(), e);
      responses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
    }
  }
}
