package dev.fakemail.inspector.internal;

import dev.fakemail.core.DnsRecord;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads path and query parameters of one request; a bad value is a 400 that says what to fix. */
public final class QueryParams {
  private final HttpServerExchange exchange;

  public QueryParams(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  /** A parameter of the route's path template, such as {@code {id}}. */
  public String path(String name) {
    PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
    String v = match == null ? null : match.getParameters().get(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.badRequest("missing path parameter " + name);
    }
    return v;
  }

  public List<String> all(String name) {
    Deque<String> d = exchange.getQueryParameters().get(name);
    return d == null ? List.of() : d.stream().filter(s -> !s.isBlank()).map(String::trim).toList();
  }

  public Optional<String> one(String name) {
    List<String> all = all(name);
    if (all.size() > 1) {
      throw ApiException.badRequest("parameter " + name + " given more than once");
    }
    return all.stream().findFirst();
  }

  /** A whole number at least {@code min}, or the default when absent. */
  public int integer(String name, int defaultValue, int min) {
    Optional<String> v = one(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, got '" + v.get() + "'");
    }
    if (n < min) {
      throw ApiException.badRequest(name + " must be at least " + min + ", got " + n);
    }
    return n;
  }

  /** An ISO-8601 instant ({@code 2026-01-01T10:00:00Z} or with an offset). */
  public Optional<Instant> instant(String name) {
    return one(name).map(v -> {
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e2) {
          throw ApiException.badRequest(name + " must be an ISO-8601 instant such as 2026-01-01T10:00:00Z, got '" + v + "'");
        }
      }
    });
  }

  /** A duration ({@link DurationText}: {@code 10s}, {@code 500ms}, {@code 2m}, a bare number of seconds, {@code PT10S}) up to {@code max}. */
  public Optional<Duration> duration(String name, Duration max) {
    return one(name).map(v -> {
      Duration d = DurationText.parse(name, v);
      if (d.compareTo(max) > 0) {
        throw ApiException.badRequest(name + " must be at most " + max.toSeconds() + "s, got '" + v + "'");
      }
      return d;
    });
  }

  /** A DNS record type (A, AAAA, MX, TXT, CNAME, PTR; any case), upper case. */
  public Optional<String> dnsType(String name) {
    return one(name).map(v -> {
      String t = v.toUpperCase(Locale.ROOT);
      if (!DnsRecord.TYPES.contains(t)) {
        throw ApiException.badRequest(name + " must be one of A, AAAA, MX, TXT, CNAME, PTR, got '" + v + "'");
      }
      return t;
    });
  }
}
