package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakemail.core.Envelope;
import dev.fakemail.inspector.internal.TokenGuard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SendGrid v3 {@code POST /v3/mail/send}: each personalization becomes its own message with its own
 * recipients, subject, headers and substitutions; {@code 202} with {@code X-Message-Id}; errors in
 * SendGrid's {@code {"errors":[{"message","field","help"}]}} shape; with
 * {@code mail_settings.sandbox_mode.enable} the request is validated and nothing is stored
 * ({@code 200}), as SendGrid does. Categories, custom args and {@code send_at} travel in the
 * {@code X-SMTPAPI} header, as in SendGrid's SMTP API.
 */
public final class SendGridHandler implements HttpHandler {
  public static final String PROVIDER = "sendgrid";
  /** SendGrid's documented limit of recipients (to, cc and bcc together) per request. */
  static final int MAX_RECIPIENTS = 1000;
  private static final String HELP = "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ProviderSupport support;
  private final SendGridTemplatesHandler.Store templates;

  public SendGridHandler(ProviderSupport support, SendGridTemplatesHandler.Store templates) {
    this.support = support;
    this.templates = templates;
  }

  /** SendGrid's error body: one error. */
  static Map<String, Object> errors(String message, String field, String help) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    e.put("field", field);
    e.put("help", help);
    return Map.of("errors", List.of(e));
  }

  private static ProviderException bad(String message, String field, String anchor) {
    return new ProviderException(400, errors(message, field, anchor == null ? null : HELP + "#" + anchor));
  }

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
    if (key == null || key.isEmpty() || !support.keys().accepts(PROVIDER, key)) {
      exchange.setPersistent(false);
      throw new ProviderException(401, errors("The provided authorization grant is invalid, expired, or revoked", null, null));
    }
    String keyId = keyId(key);
    byte[] raw = support.body(exchange, n -> new ProviderException(413,
        errors("The JSON payload you have included in your request is too large.", null, null)),
        (status, text) -> errors(text, null, null));
    JsonNode req;
    try {
      req = support.responses().mapper().readTree(raw);
    } catch (JsonProcessingException e) {
      throw bad("Bad Request", null, null);
    }
    if (req == null || !req.isObject()) {
      throw bad("Bad Request", null, null);
    }
    Request r = parse(req);
    if (r.templateId != null) {
      r.template = templates.get(r.templateId);
      if (r.template == null) {
        throw bad("The template_id must be the id of a dynamic template with an active version; '" + r.templateId
            + "' is not one (create it with POST /v3/templates and /v3/templates/{id}/versions).", "template_id",
            "message.template_id");
      }
    }
    support.faults(exchange, PROVIDER, keyId, r.from.getAddress(), r.allRecipients(),
        (status, text) -> errors(text, null, null));
    if (r.sandbox) {
      exchange.setStatusCode(200);
      exchange.endExchange();
      return;
    }
    String xid = messageId();
    List<Built> built = new ArrayList<>();
    for (int i = 0; i < r.personalizations.size(); i++) {
      built.add(build(r, r.personalizations.get(i), support.responses().mapper()));
    }
    for (int i = 0; i < built.size(); i++) {
      Built b = built.get(i);
      support.deliver(exchange, PROVIDER, keyId, r.personalizations.size() == 1 ? xid : xid + "." + i, b.envelope, b.message,
          (status, text) -> errors(text, null, null));
    }
    exchange.getResponseHeaders().put(new HttpString("X-Message-Id"), xid);
    exchange.setStatusCode(202);
    exchange.endExchange();
  }

  /** The id part of {@code SG.<id>.<secret>}, never the secret. */
  static String keyId(String key) {
    String[] parts = key.split("\\.");
    return parts.length == 3 && parts[0].equals("SG") ? "SG." + parts[1] : ProviderSupport.prefixId(key);
  }

  static String messageId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // ---- parsing and validation, all before anything is stored ----

  private record Personalization(List<InternetAddress> to, List<InternetAddress> cc, List<InternetAddress> bcc,
                                 String subject, Map<String, String> headers, Map<String, String> substitutions,
                                 Map<String, String> customArgs, Long sendAt, JsonNode dynamicData) {}

  private record Built(Envelope envelope, MimeMessage message) {}

  private static final class Request {
    InternetAddress from;
    InternetAddress replyTo;
    String subject;
    String text;
    String html;
    List<MimeBuilder.Attachment> attachments = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> categories = new ArrayList<>();
    Map<String, String> customArgs = new LinkedHashMap<>();
    Long sendAt;
    boolean sandbox;
    String templateId;
    Templates.Content template;
    List<Personalization> personalizations = new ArrayList<>();

    List<String> allRecipients() {
      List<String> all = new ArrayList<>();
      for (Personalization p : personalizations) {
        for (List<InternetAddress> l : List.of(p.to, p.cc, p.bcc)) {
          l.forEach(a -> all.add(a.getAddress()));
        }
      }
      return all;
    }
  }

  private static Request parse(JsonNode req) {
    Request r = new Request();
    JsonNode ps = req.get("personalizations");
    if (ps == null || !ps.isArray() || ps.isEmpty()) {
      throw bad("The personalizations field is required and must have at least one personalization.",
          "personalizations", "message.personalizations");
    }
    if (ps.size() > MAX_RECIPIENTS) {
      throw bad("The personalizations field must have no more than 1000 items.", "personalizations",
          "message.personalizations");
    }
    r.from = address(req.get("from"), "from", true);
    if (req.hasNonNull("reply_to")) {
      r.replyTo = address(req.get("reply_to"), "reply_to", false);
    }
    r.subject = text(req, "subject");
    r.templateId = text(req, "template_id");
    JsonNode content = req.get("content");
    if (content != null && !content.isNull()) {
      if (!content.isArray() || content.isEmpty()) {
        throw bad("Unless a valid template_id is provided, the content parameter is required. There must be at least one "
            + "defined content block. We typically suggest both text/plain and text/html blocks are included, but only one "
            + "block is required.", "content", "message.content");
      }
      for (int i = 0; i < content.size(); i++) {
        JsonNode c = content.get(i);
        String type = text(c, "type");
        String value = text(c, "value");
        if (value == null || value.isEmpty()) {
          throw bad("The content value must be a string at least one character in length.", "content." + i + ".value",
              "message.content.value");
        }
        if (type == null || type.isEmpty()) {
          throw bad("The content type must be a string at least one character in length.", "content." + i + ".type",
              "message.content.type");
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("text/plain")) {
          if (i != 0 && r.text == null) {
            throw bad("If present, text/plain content must be first, followed by text/html.", "content." + i + ".type",
                "message.content.type");
          }
          r.text = value;
        } else if (t.equals("text/html")) {
          r.html = value;
        } else {
          r.html = r.html == null ? value : r.html;
        }
      }
    } else if (!req.hasNonNull("template_id")) {
      throw bad("Unless a valid template_id is provided, the content parameter is required. There must be at least one "
          + "defined content block. We typically suggest both text/plain and text/html blocks are included, but only one "
          + "block is required.", "content", "message.content");
    }
    JsonNode atts = req.get("attachments");
    if (atts != null && atts.isArray()) {
      for (int i = 0; i < atts.size(); i++) {
        r.attachments.add(attachment(atts.get(i), i));
      }
    }
    r.headers = strings(req.get("headers"), "headers");
    JsonNode cats = req.get("categories");
    if (cats != null && cats.isArray()) {
      if (cats.size() > 10) {
        throw bad("Too many categories. You may only include 10 categories per request.", "categories", "message.categories");
      }
      cats.forEach(c -> r.categories.add(c.asText()));
    }
    r.customArgs = strings(req.get("custom_args"), "custom_args");
    r.sendAt = req.hasNonNull("send_at") ? req.get("send_at").asLong() : null;
    JsonNode sandbox = req.path("mail_settings").path("sandbox_mode").path("enable");
    r.sandbox = sandbox.asBoolean(false);
    int recipients = 0;
    boolean everySubject = true;
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      List<InternetAddress> to = addresses(p.get("to"), "personalizations." + i + ".to");
      if (to.isEmpty()) {
        throw bad("The to array is required for all personalization objects, and must have at least one email object "
            + "with a valid email address.", "personalizations." + i + ".to", "message.personalizations.to");
      }
      List<InternetAddress> cc = addresses(p.get("cc"), "personalizations." + i + ".cc");
      List<InternetAddress> bcc = addresses(p.get("bcc"), "personalizations." + i + ".bcc");
      Set<String> seen = new LinkedHashSet<>();
      for (List<InternetAddress> l : List.of(to, cc, bcc)) {
        for (InternetAddress a : l) {
          if (!seen.add(a.getAddress().toLowerCase(Locale.ROOT))) {
            throw bad("Each email address in the personalization block should be unique between to, cc, and bcc. "
                + "We found the first duplicate instance of [" + a.getAddress() + "] in the personalizations." + i
                + " field.", "personalizations." + i, "message.recipient_errors");
          }
        }
      }
      recipients += seen.size();
      String subject = text(p, "subject");
      everySubject &= subject != null && !subject.isEmpty();
      r.personalizations.add(new Personalization(to, cc, bcc, subject, strings(p.get("headers"), "personalizations." + i + ".headers"),
          strings(p.get("substitutions"), "personalizations." + i + ".substitutions"),
          strings(p.get("custom_args"), "personalizations." + i + ".custom_args"),
          p.hasNonNull("send_at") ? p.get("send_at").asLong() : null, dynamicData(p, i)));
    }
    if (recipients > MAX_RECIPIENTS) {
      throw bad("The total number of recipients must be no more than 1000.", "personalizations", "message.personalizations");
    }
    if ((r.subject == null || r.subject.isEmpty()) && !everySubject && !req.hasNonNull("template_id")) {
      throw bad("The subject is required. You can get around this requirement if you use a template with a subject "
          + "defined or if every personalization has a subject defined.", "subject", "message.subject");
    }
    return r;
  }

  private static JsonNode dynamicData(JsonNode p, int i) {
    JsonNode d = p.get("dynamic_template_data");
    if (d != null && !d.isNull() && !d.isObject()) {
      throw bad("The dynamic_template_data parameter must be an object.", "personalizations." + i + ".dynamic_template_data",
          "message.personalizations.dynamic_template_data");
    }
    return d;
  }

  private static MimeBuilder.Attachment attachment(JsonNode a, int i) {
    String content = text(a, "content");
    String filename = text(a, "filename");
    if (content == null || content.isEmpty()) {
      throw bad("The attachment content is required.", "attachments." + i + ".content", "message.attachments.content");
    }
    if (filename == null || filename.isEmpty()) {
      throw bad("The attachment filename parameter is required.", "attachments." + i + ".filename",
          "message.attachments.filename");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw bad("The attachment content must be base64 encoded.", "attachments." + i + ".content",
          "message.attachments.content");
    }
    String disposition = text(a, "disposition");
    boolean inline = "inline".equalsIgnoreCase(disposition);
    String contentId = text(a, "content_id");
    if (inline && (contentId == null || contentId.isEmpty())) {
      throw bad("The content_id parameter is required if the disposition is set to inline.",
          "attachments." + i + ".content_id", "message.attachments.content_id");
    }
    return new MimeBuilder.Attachment(bytes, text(a, "type"), filename, inline, contentId);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Map<String, String> strings(JsonNode n, String field) {
    Map<String, String> m = new LinkedHashMap<>();
    if (n == null || n.isNull()) {
      return m;
    }
    if (!n.isObject()) {
      throw bad("The " + field + " parameter must be an object.", field, null);
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  private static InternetAddress address(JsonNode n, String field, boolean required) {
    if (n == null || n.isNull() || !n.hasNonNull("email")) {
      if (required && field.equals("from")) {
        throw bad("The from object must be provided for every email send. It is an object that requires the email "
            + "parameter, but may also contain a name parameter.  e.g. {\"email\" : \"example@example.com\"}  or "
            + "{\"email\" : \"example@example.com\", \"name\" : \"Example Recipient\"}.", "from.email", "message.from");
      }
      throw bad("The email parameter is required.", field + ".email", null);
    }
    String email = n.get("email").asText();
    String name = text(n, "name");
    try {
      InternetAddress a = new InternetAddress(email, true);
      if (!email.contains("@") || a.getAddress().indexOf('@') == a.getAddress().length() - 1) {
        throw new AddressException("no domain", email);
      }
      return name == null || name.isEmpty() ? a : new InternetAddress(a.getAddress(), name, "UTF-8");
    } catch (AddressException | UnsupportedEncodingException e) {
      throw bad("Does not contain a valid address.", field + ".email", "message." + field.replaceAll("\\.\\d+", ""));
    }
  }

  private static List<InternetAddress> addresses(JsonNode n, String field) {
    List<InternetAddress> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw bad("The " + field + " parameter must be an array.", field, null);
    }
    for (int i = 0; i < n.size(); i++) {
      out.add(address(n.get(i), field + "." + i, false));
    }
    return out;
  }

  // ---- building ----

  private static Built build(Request r, Personalization p, com.fasterxml.jackson.databind.ObjectMapper mapper)
      throws MessagingException, IOException {
    MimeMessage m = ProviderSupport.newMessage();
    m.setFrom(r.from);
    m.setRecipients(Message.RecipientType.TO, p.to.toArray(InternetAddress[]::new));
    if (!p.cc.isEmpty()) {
      m.setRecipients(Message.RecipientType.CC, p.cc.toArray(InternetAddress[]::new));
    }
    if (r.replyTo != null) {
      m.setReplyTo(new InternetAddress[] {r.replyTo});
    }
    String subject = p.subject != null && !p.subject.isEmpty() ? p.subject : r.subject;
    String text = r.text == null ? null : substitute(r.text, p.substitutions);
    String html = r.html == null ? null : substitute(r.html, p.substitutions);
    if (r.template != null) { // a dynamic template's active version wins over content and subject
      Templates.Content t;
      try {
        t = Templates.render(r.template, p.dynamicData, mapper, true);
      } catch (RuntimeException e) { // a helper or value Handlebars cannot apply
        throw bad("The template could not be rendered: " + e.getMessage(), "template_id", "message.template_id");
      }
      subject = t.subject() != null ? t.subject() : subject;
      text = t.text() != null || t.html() != null ? t.text() : text;
      html = t.text() != null || t.html() != null ? t.html() : html;
    } else {
      subject = subject == null ? null : substitute(subject, p.substitutions);
    }
    m.setSubject(subject == null ? "" : subject, "UTF-8");
    m.setSentDate(new Date());
    new MimeBuilder().text(text).html(html).attachments(r.attachments).fill(m);
    Map<String, String> headers = new LinkedHashMap<>(r.headers);
    headers.putAll(p.headers);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      m.setHeader(h.getKey(), h.getValue());
    }
    ObjectNode smtpapi = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    if (!r.categories.isEmpty()) {
      r.categories.forEach(smtpapi.putArray("category")::add);
    }
    Map<String, String> args = new LinkedHashMap<>(r.customArgs);
    args.putAll(p.customArgs);
    if (!args.isEmpty()) {
      ObjectNode u = smtpapi.putObject("unique_args");
      args.forEach(u::put);
    }
    Long sendAt = p.sendAt != null ? p.sendAt : r.sendAt;
    if (sendAt != null) {
      smtpapi.put("send_at", sendAt);
    }
    if (!smtpapi.isEmpty()) {
      m.setHeader("X-SMTPAPI", smtpapi.toString());
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(p.to, p.cc, p.bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    return new Built(Envelope.of(r.from.getAddress(), rcpt), m);
  }

  /** SendGrid's legacy substitutions: each key replaced as it is, wherever it occurs. */
  private static String substitute(String s, Map<String, String> subs) {
    String out = s;
    for (Map.Entry<String, String> e : subs.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }
}
