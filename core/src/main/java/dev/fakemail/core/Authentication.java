package dev.fakemail.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a received message fares with sender authentication, as a receiving mail server judges it
 * against the simulated DNS: SPF (RFC 7208) for the envelope sender and the connecting address,
 * DKIM (RFC 6376) once per {@code DKIM-Signature}, and DMARC (RFC 7489) for the From domain.
 *
 * <pre>{@code
 * Authentication a = server.awaitMessage(to("bob@example.test")).authentication();
 * assertEquals(Authentication.Result.PASS, a.dmarc().result());
 * assertTrue(a.dkimPassesFor("shop.test"));
 * }</pre>
 *
 * @param spf the SPF check of the MAIL FROM domain (or the HELO name for a null sender)
 * @param dkim one check per DKIM signature, in header order; empty when the message is unsigned
 * @param dmarc the DMARC check of the RFC5322.From domain
 */
public record Authentication(Check spf, List<Check> dkim, Check dmarc) {
  public Authentication {
    Objects.requireNonNull(spf, "spf");
    dkim = List.copyOf(dkim);
    Objects.requireNonNull(dmarc, "dmarc");
  }

  /** The result values of RFC 8601 §2.7. */
  public enum Result {
    PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, TEMPERROR, PERMERROR;

    /** The lower-case keyword, as in an {@code Authentication-Results} header. */
    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The result for a keyword (any case); unknown keywords are {@link #PERMERROR}. */
    public static Result of(String keyword) {
      try {
        return valueOf(keyword.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        return PERMERROR;
      }
    }
  }

  /**
   * One method's verdict.
   *
   * @param method {@code spf}, {@code dkim} or {@code dmarc}
   * @param result the verdict
   * @param reason why, in words (may be empty)
   * @param properties the identifiers checked, named as in RFC 8601 ({@code smtp.mailfrom},
   *     {@code header.d}, {@code header.s}, {@code header.from}...), in order; DMARC adds
   *     {@code policy.dmarc}, the policy applied to this message ({@code none}, {@code quarantine},
   *     {@code reject})
   */
  public record Check(String method, Result result, String reason, Map<String, String> properties) {
    public Check {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(result, "result");
      reason = reason == null ? "" : reason;
      properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A property, or an empty string. */
    public String property(String name) {
      return properties.getOrDefault(name, "");
    }

    public boolean passed() {
      return result == Result.PASS;
    }
  }

  /** The DKIM verdict of the whole message: pass when any signature passes, else the first signature's, none when unsigned. */
  public Result dkimResult() {
    if (dkim.isEmpty()) {
      return Result.NONE;
    }
    return dkim.stream().anyMatch(Check::passed) ? Result.PASS : dkim.get(0).result();
  }

  /** Whether a DKIM signature with {@code d=domain} (any case) passes. */
  public boolean dkimPassesFor(String domain) {
    return dkim.stream().anyMatch(c -> c.passed() && c.property("header.d").equalsIgnoreCase(domain));
  }

  /** The verdict of one method: {@code spf}, {@code dkim} (as {@link #dkimResult()}) or {@code dmarc}. */
  public Result result(String method) {
    switch (method.toLowerCase(Locale.ROOT)) {
      case "spf":
        return spf.result();
      case "dkim":
        return dkimResult();
      case "dmarc":
        return dmarc.result();
      default:
        throw new IllegalArgumentException("method must be spf, dkim or dmarc, got '" + method + "'");
    }
  }

  /** The value of an RFC 8601 {@code Authentication-Results} header field with this authserv-id. */
  public String headerValue(String authservId) {
    StringBuilder b = new StringBuilder(authservId);
    if (dkim.isEmpty()) {
      b.append(";\r\n\tdkim=none");
    }
    for (Check c : dkim) {
      append(b, c);
    }
    append(b, spf);
    append(b, dmarc);
    return b.toString();
  }

  private static void append(StringBuilder b, Check c) {
    b.append(";\r\n\t").append(c.method()).append('=').append(c.result().keyword());
    if (!c.reason().isEmpty()) {
      b.append(" (").append(comment(c.reason())).append(')');
    }
    c.properties().forEach((k, v) -> {
      if (k.indexOf('.') > 0 && !v.isEmpty()) {
        b.append(' ').append(k).append('=').append(value(v));
      }
    });
  }

  private static String comment(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length() && out.length() < 200; i++) {
      char ch = s.charAt(i);
      if (ch == '(' || ch == ')' || ch == '\\') {
        out.append('\\');
      }
      out.append(ch < ' ' || ch == 127 ? ' ' : ch);
    }
    return out.toString();
  }

  /** A value as an RFC 2045 token, or quoted when it is not one. */
  private static String value(String v) {
    boolean token = !v.isEmpty();
    for (int i = 0; i < v.length() && token; i++) {
      char ch = v.charAt(i);
      token = ch > ' ' && ch < 127 && "()<>,;:\\\"[]?=".indexOf(ch) < 0;
    }
    if (token || v.matches("[^\\s\"\\\\;()]+@[^\\s\"\\\\;()]+")) {
      return v;
    }
    return '"' + v.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ") + '"';
  }
}
