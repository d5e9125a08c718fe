package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.inspector.internal.TokenGuard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SendGrid's template API, as far as dynamic templates need it: {@code POST /v3/templates}
 * ({@code {"name","generation":"dynamic"}}, answering {@code 201} with the {@code d-...} id) and
 * {@code POST /v3/templates/{template_id}/versions} ({@code subject}, {@code html_content},
 * {@code plain_content}, {@code active}). The active version is what {@code /v3/mail/send} renders
 * for a {@code template_id}; the newest version is active unless it says {@code "active": 0}.
 */
public final class SendGridTemplatesHandler implements HttpHandler {
  private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** The dynamic templates of one server, by id; each maps to its active version's parts. */
  public static final class Store {
    private final Map<String, Templates.Content> active = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** The active version of template {@code id}, or null (unknown, or no version yet). */
    Templates.Content get(String id) {
      return id == null ? null : active.get(id);
    }

    boolean known(String id) {
      return id != null && names.containsKey(id);
    }
  }

  private final ProviderSupport support;
  private final Store store;
  private final boolean version;

  public SendGridTemplatesHandler(ProviderSupport support, Store store, boolean version) {
    this.support = support;
    this.store = store;
    this.version = version;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String key = TokenGuard.bearerToken(exchange);
      if (key == null || key.isEmpty() || !support.keys().accepts(SendGridHandler.PROVIDER, key)) {
        exchange.setPersistent(false);
        throw new ProviderException(401, SendGridHandler.errors("The provided authorization grant is invalid, expired, or revoked",
            null, null));
      }
      byte[] raw = support.body(exchange, n -> new ProviderException(413,
          SendGridHandler.errors("The JSON payload you have included in your request is too large.", null, null)),
          (status, text) -> SendGridHandler.errors(text, null, null));
      JsonNode req;
      try {
        req = support.responses().mapper().readTree(raw);
      } catch (JsonProcessingException e) {
        throw bad("Bad Request", null);
      }
      if (req == null || !req.isObject()) {
        throw bad("Bad Request", null);
      }
      if (version) {
        addVersion(exchange, req);
      } else {
        create(exchange, req);
      }
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private static ProviderException bad(String message, String field) {
    return new ProviderException(400, SendGridHandler.errors(message, field, null));
  }

  private void create(HttpServerExchange exchange, JsonNode req) {
    String name = req.path("name").asText("");
    if (name.isEmpty() || name.length() > 100) {
      throw bad("The template name is required and must be at most 100 characters.", "name");
    }
    String generation = req.path("generation").asText("legacy");
    if (!generation.equals("dynamic")) {
      throw bad("Only dynamic templates (\"generation\": \"dynamic\") are kept by fakemail.", "generation");
    }
    if (store.names.size() >= Templates.MAX_TEMPLATES) {
      throw bad("Template quota of " + Templates.MAX_TEMPLATES + " reached.", null);
    }
    String id = "d-" + HexFormat.of().formatHex(uuidBytes());
    store.names.put(id, name);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", id);
    r.put("name", name);
    r.put("generation", "dynamic");
    r.put("updated_at", now());
    r.put("versions", List.of());
    support.responses().json(exchange, 201, r);
  }

  private void addVersion(HttpServerExchange exchange, JsonNode req) {
    io.undertow.util.PathTemplateMatch match = exchange.getAttachment(io.undertow.util.PathTemplateMatch.ATTACHMENT_KEY);
    String id = match == null ? null : match.getParameters().get("template_id");
    if (!store.known(id)) {
      throw new ProviderException(404, SendGridHandler.errors("Template not found", "template_id", null));
    }
    String name = req.path("name").asText("");
    String subject = text(req, "subject");
    if (name.isEmpty()) {
      throw bad("The version name is required.", "name");
    }
    if (subject == null || subject.isEmpty()) {
      throw bad("The subject is required.", "subject");
    }
    String html = text(req, "html_content");
    String plain = text(req, "plain_content");
    boolean active = req.path("active").asInt(1) != 0;
    Templates.Content content = new Templates.Content(subject, plain, html);
    try {
      Templates.render(content, null, support.responses().mapper(), true); // a syntax error is refused here, not at send
    } catch (java.io.IOException | RuntimeException e) {
      throw bad("The template does not compile: " + e.getMessage(), "html_content");
    }
    if (active) {
      store.active.put(id, content);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", UUID.randomUUID().toString());
    r.put("template_id", id);
    r.put("active", active ? 1 : 0);
    r.put("name", name);
    r.put("html_content", html);
    r.put("plain_content", plain);
    r.put("generate_plain_content", req.path("generate_plain_content").asBoolean(true));
    r.put("subject", subject);
    r.put("editor", req.path("editor").asText("code"));
    r.put("updated_at", now());
    support.responses().json(exchange, 201, r);
  }

  private static String now() {
    return OffsetDateTime.now(ZoneOffset.UTC).format(UPDATED);
  }

  private static byte[] uuidBytes() {
    UUID u = UUID.randomUUID();
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (u.getMostSignificantBits() >>> (56 - 8 * i));
      b[8 + i] = (byte) (u.getLeastSignificantBits() >>> (56 - 8 * i));
    }
    return b;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
