package dev.fakemail.inspector.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every path of the inspection API, spelled once: {@link Routes} binds its handlers to these
 * templates and the client builds its URLs from them ({@link #expand}). Plain strings, no Undertow,
 * so the client can load it. Not API.
 */
public final class ApiPaths {
  public static final String HEALTH = "/health";
  public static final String OPENAPI = "/openapi.json";
  public static final String MESSAGES = "/api/v1/messages";
  public static final String MESSAGE = "/api/v1/messages/{id}";
  public static final String MESSAGE_RAW = "/api/v1/messages/{id}/raw";
  public static final String MESSAGE_EML = "/api/v1/messages/{id}/eml";
  public static final String MESSAGE_HTML = "/api/v1/messages/{id}/html";
  public static final String MESSAGE_ATTACHMENT = "/api/v1/messages/{id}/attachments/{index}";
  public static final String EVENTS = "/api/v1/events";
  public static final String MAILBOXES = "/api/v1/mailboxes";
  public static final String MAILBOX = "/api/v1/mailboxes/{address}";
  public static final String SESSIONS = "/api/v1/sessions";
  public static final String FAULTS = "/api/v1/faults";
  public static final String FAULT = "/api/v1/faults/{id}";
  public static final String DELIVERIES = "/api/v1/deliveries";
  public static final String DNS_RECORDS = "/api/v1/dns/records";
  public static final String DKIM_KEYS = "/api/v1/dns/dkim-keys";
  public static final String CLOCK = "/api/v1/clock";
  public static final String CLOCK_ADVANCE = "/api/v1/clock/advance";
  public static final String USERS = "/api/v1/users";
  public static final String USER = "/api/v1/users/{address}";
  public static final String RESET = "/api/v1/reset";
  public static final String TLS_CERTIFICATE = "/api/v1/tls/certificate";

  private ApiPaths() {}

  /**
   * A template with its {@code {placeholders}} filled in order, each value percent-encoded, and
   * without the leading slash (relative to the client's base URI, which may have a path of its own).
   *
   * @param template one of the constants
   * @param values one per placeholder
   * @return the relative path
   */
  public static String expand(String template, String... values) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int v = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        sb.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open);
      sb.append(template, i, open);
      if (v >= values.length) {
        throw new IllegalArgumentException("no value for " + template.substring(open, close + 1) + " in " + template);
      }
      sb.append(encode(values[v++]));
      i = close + 1;
    }
    if (v != values.length) {
      throw new IllegalArgumentException(values.length + " values for " + v + " placeholders in " + template);
    }
    return sb.substring(1);
  }

  /**
   * A path segment or query value, percent-encoded.
   *
   * @param s the text
   * @return it encoded
   */
  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
