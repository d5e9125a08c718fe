package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.Envelope;
import dev.fakemail.inspector.internal.TokenGuard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Resend: {@code POST /emails} and {@code POST /emails/batch} ({@code Authorization: Bearer re_...}),
 * answering {@code {"id"}} and {@code {"data":[{"id"},...]}}; refusals as
 * {@code {"statusCode","message","name"}} (401 {@code missing_api_key}, 403 {@code invalid_api_key},
 * 422 {@code missing_required_field} / {@code validation_error} / {@code invalid_attachment}). A batch is
 * checked whole before anything is stored, unless {@code x-batch-validation: permissive}, which stores
 * the valid messages and answers the others in {@code errors}. {@code Idempotency-Key} is honoured as
 * Resend does: the same key and body answer the first id again without storing twice; the same key
 * with another body is {@code 409}.
 */
public final class ResendHandler implements HttpHandler {
  public static final String PROVIDER = "resend";
  /** Resend's documented limits: recipients in {@code to}, emails per batch. */
  static final int MAX_TO = 50;
  static final int MAX_BATCH = 100;
  /** Idempotency keys remembered (Resend keeps them 24 hours); past this the oldest are forgotten. */
  static final int MAX_IDEMPOTENCY_KEYS = 10_000;
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final ProviderSupport support;
  private final boolean batch;
  private final Map<String, Remembered> idempotency;

  private record Remembered(String digest, Object answer) {}

  /** The idempotency keys seen, shared by both routes of one server. */
  public static final class IdempotencyKeys {
    private final Map<String, Remembered> seen = new ConcurrentHashMap<>();
  }

  public ResendHandler(ProviderSupport support, boolean batch, IdempotencyKeys keys) {
    this.support = support;
    this.batch = batch;
    this.idempotency = keys.seen;
  }

  static Map<String, Object> error(int status, String name, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("statusCode", status);
    m.put("message", message);
    m.put("name", name);
    return m;
  }

  static ProviderException refused(int status, String name, String message) {
    return new ProviderException(status, error(status, name, message));
  }

  private static final ProviderSupport.ErrorShape SHAPE = (status, message) -> error(status,
      status == 429 ? "rate_limit_exceeded" : status >= 500 ? "application_error" : "validation_error", message);

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      send(exchange);
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private void send(HttpServerExchange exchange) throws IOException, MessagingException {
    String key = TokenGuard.bearerToken(exchange);
    if (key == null || key.isEmpty()) {
      exchange.setPersistent(false);
      throw refused(401, "missing_api_key", "Missing API key in the authorization header. Include the following header "
          + "in the request: Authorization: Bearer YOUR_API_KEY");
    }
    if (!support.keys().accepts(PROVIDER, key)) {
      exchange.setPersistent(false);
      throw refused(403, "invalid_api_key", "API key is invalid");
    }
    String keyId = keyId(key);
    String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 256)) {
      throw refused(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    }
    byte[] raw = support.body(exchange, n -> refused(413, "validation_error",
        "The request body is too large: " + n + " bytes; at most " + support.maxBodyBytes() + " are accepted."), SHAPE);
    String digest = idempotencyKey == null ? null : digest(raw);
    if (idempotencyKey != null) {
      Remembered seen = idempotency.get((batch ? "batch:" : "email:") + idempotencyKey);
      if (seen != null) {
        if (!seen.digest.equals(digest)) {
          throw refused(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload. "
              + "Change your idempotency key or payload.");
        }
        support.responses().json(exchange, 200, seen.answer);
        return;
      }
    }
    JsonNode req;
    try {
      req = support.responses().mapper().readTree(raw);
    } catch (JsonProcessingException e) {
      throw refused(400, "validation_error", "Invalid JSON: " + e.getOriginalMessage());
    }
    Object answer = batch ? batch(exchange, req, keyId) : single(exchange, req, keyId);
    if (idempotencyKey != null) {
      if (idempotency.size() >= MAX_IDEMPOTENCY_KEYS) {
        idempotency.clear(); // a fake's memory, not Resend's 24 hours: forgetting early only lets a retry store twice
      }
      idempotency.put((batch ? "batch:" : "email:") + idempotencyKey, new Remembered(digest, answer));
    }
    support.responses().json(exchange, 200, answer);
  }

  private Object single(HttpServerExchange exchange, JsonNode req, String keyId) throws IOException, MessagingException {
    if (req == null || !req.isObject()) {
      throw refused(422, "validation_error", "The request body must be a JSON object.");
    }
    Sendable s = prepare(req, false);
    support.faults(exchange, PROVIDER, keyId, s.envelope.from(), s.envelope.recipientAddresses(), SHAPE);
    return Map.of("id", deliver(exchange, keyId, s));
  }

  private Object batch(HttpServerExchange exchange, JsonNode req, String keyId) throws IOException, MessagingException {
    if (req == null || !req.isArray()) {
      throw refused(422, "validation_error", "The request body must be an array of emails.");
    }
    if (req.isEmpty() || req.size() > MAX_BATCH) {
      throw refused(422, "validation_error", "The batch must have between 1 and " + MAX_BATCH + " emails; it has "
          + req.size() + ".");
    }
    boolean permissive = "permissive".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("x-batch-validation"));
    List<Sendable> ok = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < req.size(); i++) {
      try {
        Sendable s = prepare(req.get(i), true);
        ok.add(s);
        all.addAll(s.envelope.recipientAddresses());
      } catch (ProviderException e) {
        if (!permissive) {
          @SuppressWarnings("unchecked")
          Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) e.body());
          body.put("message", "emails[" + i + "]: " + body.get("message"));
          throw new ProviderException(e.status(), body);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) e.body();
        errors.add(Map.of("index", i, "message", body.get("message")));
      }
    }
    support.faults(exchange, PROVIDER, keyId, null, all, SHAPE);
    List<Object> data = new ArrayList<>();
    for (Sendable s : ok) {
      data.add(Map.of("id", deliver(exchange, keyId, s)));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("data", data);
    if (permissive) {
      answer.put("errors", errors);
    }
    return answer;
  }

  private String deliver(HttpServerExchange exchange, String keyId, Sendable s) throws IOException, MessagingException {
    String id = UUID.randomUUID().toString();
    support.deliver(exchange, PROVIDER, keyId, id, s.envelope, s.message, SHAPE);
    return id;
  }

  /** The id part of {@code re_<id>_<secret>}, never the secret. */
  static String keyId(String key) {
    String[] parts = key.split("_");
    return parts.length == 3 && parts[0].equals("re") && !parts[1].isEmpty() ? "re_" + parts[1] : ProviderSupport.prefixId(key);
  }

  private static String digest(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- validation and building, all before anything is stored ----

  private record Sendable(Envelope envelope, MimeMessage message) {}

  private Sendable prepare(JsonNode m, boolean inBatch) throws MessagingException {
    if (m == null || !m.isObject()) {
      throw refused(422, "validation_error", "Each email must be a JSON object.");
    }
    if (m.hasNonNull("template")) {
      throw refused(422, "validation_error", "Templates stored at Resend are not available in fakemail: send html or text.");
    }
    String fromText = text(m, "from");
    if (fromText == null || fromText.isBlank()) {
      throw refused(422, "missing_required_field", "Missing `from` field.");
    }
    InternetAddress from = one(fromText, "from");
    List<InternetAddress> to = list(m.get("to"), "to");
    if (to.isEmpty()) {
      throw refused(422, "missing_required_field", "Missing `to` field.");
    }
    if (to.size() > MAX_TO) {
      throw refused(422, "validation_error", "Too many recipients in `to`: " + to.size() + "; at most " + MAX_TO + ".");
    }
    List<InternetAddress> cc = list(m.get("cc"), "cc");
    List<InternetAddress> bcc = list(m.get("bcc"), "bcc");
    List<InternetAddress> replyTo = list(m.get("reply_to"), "reply_to");
    String subject = text(m, "subject");
    if (subject == null || subject.isEmpty()) {
      throw refused(422, "missing_required_field", "Missing `subject` field.");
    }
    String html = text(m, "html");
    String textBody = text(m, "text");
    if ((html == null || html.isEmpty()) && (textBody == null || textBody.isEmpty())) {
      throw refused(422, "missing_required_field", "Missing `html` or `text` field.");
    }
    if (inBatch && m.has("attachments")) {
      throw refused(422, "validation_error", "The `attachments` field is not supported in batch emails.");
    }
    if (inBatch && m.has("scheduled_at")) {
      throw refused(422, "validation_error", "The `scheduled_at` field is not supported in batch emails.");
    }
    List<MimeBuilder.Attachment> atts = new ArrayList<>();
    JsonNode attachments = m.path("attachments");
    for (int i = 0; i < attachments.size(); i++) {
      atts.add(attachment(attachments.get(i), i));
    }
    MimeMessage msg = ProviderSupport.newMessage();
    msg.setFrom(from);
    msg.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    if (!cc.isEmpty()) {
      msg.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
    }
    if (!replyTo.isEmpty()) {
      msg.setReplyTo(replyTo.toArray(InternetAddress[]::new));
    }
    msg.setSubject(subject, "UTF-8");
    msg.setSentDate(new Date());
    new MimeBuilder().text(textBody).html(html).attachments(atts).fill(msg);
    JsonNode headers = m.path("headers");
    if (!headers.isMissingNode() && !headers.isNull() && !headers.isObject()) {
      throw refused(422, "validation_error", "The `headers` field must be an object.");
    }
    for (var e : iterable(headers)) {
      msg.setHeader(e.getKey(), e.getValue().asText());
    }
    StringBuilder tags = new StringBuilder();
    for (JsonNode t : m.path("tags")) {
      String name = t.path("name").asText("");
      String value = t.path("value").asText("");
      if (!TAG.matcher(name).matches() || !value.isEmpty() && !TAG.matcher(value).matches()) {
        throw refused(422, "validation_error", "Tags should only contain ASCII letters (a–z, A–Z), numbers (0–9), "
            + "underscores (_), or dashes (-), and at most 256 characters.");
      }
      tags.append(tags.length() == 0 ? "" : ", ").append(name).append('=').append(value);
    }
    if (tags.length() > 0) {
      msg.setHeader("X-Resend-Tags", tags.toString());
    }
    String scheduled = text(m, "scheduled_at");
    if (scheduled != null && !scheduled.isBlank()) {
      msg.setHeader("X-Resend-Scheduled-At", scheduled);
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    return new Sendable(Envelope.of(from.getAddress(), rcpt), msg);
  }

  private static MimeBuilder.Attachment attachment(JsonNode a, int i) {
    String filename = text(a, "filename");
    String content = text(a, "content");
    if (content == null || content.isEmpty()) {
      if (text(a, "path") != null) {
        throw refused(422, "invalid_attachment", "attachments[" + i + "]: attachments by `path` are not fetched "
            + "(fakemail makes no outside connection); send `content` instead.");
      }
      throw refused(422, "invalid_attachment", "Attachment must have either a `content` or `path`.");
    }
    if (filename == null || filename.isEmpty()) {
      throw refused(422, "invalid_attachment", "attachments[" + i + "]: Missing `filename` field.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw refused(422, "invalid_attachment", "attachments[" + i + "]: `content` is not valid base64.");
    }
    String type = text(a, "content_type");
    if (type == null || type.isBlank()) {
      type = URLConnection.guessContentTypeFromName(filename);
    }
    String cid = text(a, "content_id");
    boolean inline = cid != null && !cid.isEmpty();
    return new MimeBuilder.Attachment(bytes, type, filename, inline, inline ? cid : null);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }

  private static InternetAddress one(String s, String field) {
    List<InternetAddress> l = parse(s, field);
    if (l.size() != 1) {
      throw invalidAddress(field);
    }
    return l.get(0);
  }

  /** A field that is one address string or an array of them. */
  private static List<InternetAddress> list(JsonNode n, String field) {
    List<InternetAddress> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      out.addAll(parse(n.asText(), field));
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isTextual()) {
          throw invalidAddress(field);
        }
        out.add(one(e.asText(), field));
      }
    } else {
      throw invalidAddress(field);
    }
    return out;
  }

  private static List<InternetAddress> parse(String s, String field) {
    List<InternetAddress> out = new ArrayList<>();
    if (s.isBlank()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parse(s, true)) {
        String addr = a.getAddress();
        if (addr == null || addr.indexOf('@') <= 0 || addr.endsWith("@")) {
          throw new AddressException("no domain");
        }
        out.add(a);
      }
    } catch (AddressException e) {
      throw invalidAddress(field);
    }
    return out;
  }

  private static ProviderException invalidAddress(String field) {
    return refused(422, "validation_error", "Invalid `" + field + "` field. The email address needs to follow the "
        + "`email@example.com` or `Name <email@example.com>` format.");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
