package dev.fakemail.inspector.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as people write it in a query or a body: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 2h}, {@code 1d}, a bare number of seconds, or ISO-8601 ({@code PT5M}, {@code P1D}).
 * Anything else, or a negative one, is a 400 that names the field.
 */
final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  private DurationText() {}

  static Duration parse(String name, String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
    }
    Duration d;
    try {
      d = Duration.parse(v);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiException.badRequest(name + " must be a duration such as 30s, 500ms, 5m, 2h or PT5M, got '" + text + "'");
    }
    if (d.isNegative()) {
      throw ApiException.badRequest(name + " must not be negative, got '" + text + "'");
    }
    return d;
  }
}
