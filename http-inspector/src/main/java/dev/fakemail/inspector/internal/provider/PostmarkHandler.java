package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.Envelope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Postmark: {@code POST /email}, {@code /email/batch}, {@code /email/withTemplate},
 * {@code /email/batchWithTemplates} and {@code /templates} ({@code X-Postmark-Server-Token}),
 * answering {@code {"To","SubmittedAt","MessageID","ErrorCode":0,"Message":"OK"}}; refusals as
 * {@code {"ErrorCode","Message"}} (401 for the token, 422 for the request; in a batch, per message).
 * Templates are rendered with Handlebars.java (Postmark's Mustachio syntax for values, sections and
 * loops is the same).
 */
public final class PostmarkHandler implements HttpHandler {
  public static final String PROVIDER = "postmark";
  /** Postmark's documented limits: recipients per message (To, Cc, Bcc together), messages per batch. */
  static final int MAX_RECIPIENTS = 50;
  static final int MAX_BATCH = 500;
  private static final HttpString TOKEN = new HttpString("X-Postmark-Server-Token");

  /** Which route. */
  public enum Kind { SINGLE, BATCH, TEMPLATE, BATCH_TEMPLATES, CREATE_TEMPLATE }

  private final ProviderSupport support;
  private final Kind kind;
  private final TemplateStore templates;

  /** Postmark's templates: by id and by alias. */
  public static final class TemplateStore {
    private final Map<String, Templates.Content> byKey = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
  }

  public PostmarkHandler(ProviderSupport support, TemplateStore templates, Kind kind) {
    this.support = support;
    this.templates = templates;
    this.kind = kind;
  }

  static Map<String, Object> error(int code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ErrorCode", code);
    m.put("Message", message);
    return m;
  }

  private static ProviderException invalid(int code, String message) {
    return new ProviderException(422, error(code, message));
  }

  private static final ProviderSupport.ErrorShape SHAPE = (status, message) -> error(status == 429 ? 429 : status >= 500 ? 500
      : 300, message);

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String token = exchange.getRequestHeaders().getFirst(TOKEN);
      if (token == null || token.isBlank()) {
        exchange.setPersistent(false);
        throw new ProviderException(401, error(10, "No Account or Server API tokens were supplied in the HTTP headers. "
            + "Please add a header for either X-Postmark-Server-Token or X-Postmark-Account-Token."));
      }
      if (!support.keys().accepts(PROVIDER, token.trim())) {
        exchange.setPersistent(false);
        throw new ProviderException(401, error(10, "Request does not contain a valid Server token."));
      }
      String keyId = ProviderSupport.prefixId(token.trim());
      byte[] raw = support.body(exchange, n -> invalid(300, "Message size exceeded"), SHAPE);
      JsonNode req;
      try {
        req = support.responses().mapper().readTree(raw);
      } catch (JsonProcessingException e) {
        throw invalid(402, "Received invalid JSON input.");
      }
      if (req == null) {
        throw invalid(402, "Received invalid JSON input.");
      }
      switch (kind) {
        case CREATE_TEMPLATE -> createTemplate(exchange, req);
        case SINGLE, TEMPLATE -> {
          if (!req.isObject()) {
            throw invalid(402, "Received invalid JSON input.");
          }
          Sendable s = prepare(req, kind == Kind.TEMPLATE);
          support.faults(exchange, PROVIDER, keyId, s.envelope.from(), s.envelope.recipientAddresses(), SHAPE);
          support.responses().json(exchange, 200, deliver(exchange, keyId, s));
        }
        case BATCH, BATCH_TEMPLATES -> batch(exchange, req, keyId);
      }
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private void batch(HttpServerExchange exchange, JsonNode req, String keyId) throws IOException, MessagingException {
    JsonNode list = kind == Kind.BATCH_TEMPLATES ? req.path("Messages") : req;
    if (!list.isArray()) {
      throw invalid(402, "Received invalid JSON input.");
    }
    if (list.size() > MAX_BATCH) {
      throw invalid(300, "Batch of " + list.size() + " messages exceeds the limit of " + MAX_BATCH + ".");
    }
    List<Object> prepared = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (JsonNode m : list) {
      try {
        Sendable s = prepare(m, kind == Kind.BATCH_TEMPLATES);
        prepared.add(s);
        all.addAll(s.envelope.recipientAddresses());
      } catch (ProviderException e) {
        prepared.add(e.body());
      }
    }
    support.faults(exchange, PROVIDER, keyId, null, all, SHAPE);
    List<Object> results = new ArrayList<>();
    for (Object p : prepared) {
      results.add(p instanceof Sendable s ? deliver(exchange, keyId, s) : p);
    }
    support.responses().json(exchange, 200, results);
  }

  private Map<String, Object> deliver(HttpServerExchange exchange, String keyId, Sendable s) throws IOException, MessagingException {
    String id = UUID.randomUUID().toString();
    s.message.setHeader("Message-ID", "<" + id + "@mtasv.net>");
    support.deliver(exchange, PROVIDER, keyId, id, s.envelope, s.message, SHAPE);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("To", s.to);
    r.put("SubmittedAt", OffsetDateTime.now().toString());
    r.put("MessageID", id);
    r.put("ErrorCode", 0);
    r.put("Message", "OK");
    return r;
  }

  private void createTemplate(HttpServerExchange exchange, JsonNode req) {
    String name = req.path("Name").asText("");
    if (name.isEmpty()) {
      throw invalid(1101, "The 'Name' associated with this template is required.");
    }
    String subject = text(req, "Subject");
    Templates.Content c = new Templates.Content(subject, text(req, "TextBody"), text(req, "HtmlBody"));
    if (c.html() == null && c.text() == null) {
      throw invalid(1105, "The 'HtmlBody' or 'TextBody' associated with this template is required.");
    }
    long id = templates.ids.incrementAndGet();
    String alias = text(req, "Alias");
    if (alias != null && templates.byKey.putIfAbsent("alias:" + alias, c) != null) {
      throw invalid(1123, "The 'Alias' associated with this template is already in use.");
    }
    templates.byKey.put("id:" + id, c);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("TemplateId", id);
    r.put("Name", name);
    r.put("Active", true);
    r.put("Alias", alias);
    r.put("TemplateType", req.path("TemplateType").asText("Standard"));
    r.put("LayoutTemplate", null);
    support.responses().json(exchange, 200, r);
  }

  private record Sendable(Envelope envelope, MimeMessage message, String to) {}

  private Sendable prepare(JsonNode m, boolean templated) throws IOException, MessagingException {
    String fromText = text(m, "From");
    if (fromText == null || fromText.isBlank()) {
      throw invalid(300, "Invalid 'From' address: ''.");
    }
    InternetAddress from = one(fromText, "From");
    List<InternetAddress> to = list(text(m, "To"), "To");
    List<InternetAddress> cc = list(text(m, "Cc"), "Cc");
    List<InternetAddress> bcc = list(text(m, "Bcc"), "Bcc");
    if (to.size() + cc.size() + bcc.size() == 0) {
      throw invalid(300, "Zero recipients specified");
    }
    if (to.size() + cc.size() + bcc.size() > MAX_RECIPIENTS) {
      throw invalid(300, "Exceeded maximum number of recipients (" + MAX_RECIPIENTS + ").");
    }
    String subject;
    String textBody;
    String htmlBody;
    if (templated) {
      String key = m.hasNonNull("TemplateId") ? "id:" + m.get("TemplateId").asText() : "alias:" + m.path("TemplateAlias").asText("");
      Templates.Content t = templates.byKey.get(key);
      if (t == null) {
        throw invalid(1101, "The Template's 'Id' or 'Alias' associated with this request is not valid or was not found.");
      }
      Templates.Content r = Templates.render(t, m.path("TemplateModel"), support.responses().mapper());
      subject = r.subject();
      textBody = r.text();
      htmlBody = r.html();
    } else {
      subject = text(m, "Subject");
      textBody = text(m, "TextBody");
      htmlBody = text(m, "HtmlBody");
      if ((textBody == null || textBody.isEmpty()) && (htmlBody == null || htmlBody.isEmpty())) {
        throw invalid(300, "Provide either email TextBody or HtmlBody or both.");
      }
    }
    MimeMessage msg = ProviderSupport.newMessage();
    msg.setFrom(from);
    if (!to.isEmpty()) {
      msg.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    }
    if (!cc.isEmpty()) {
      msg.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
    }
    String replyTo = text(m, "ReplyTo");
    if (replyTo != null && !replyTo.isBlank()) {
      msg.setReplyTo(list(replyTo, "ReplyTo").toArray(InternetAddress[]::new));
    }
    msg.setSubject(subject == null ? "" : subject, "UTF-8");
    msg.setSentDate(new Date());
    List<MimeBuilder.Attachment> atts = new ArrayList<>();
    for (JsonNode a : m.path("Attachments")) {
      String name = a.path("Name").asText("");
      if (name.isEmpty()) {
        throw invalid(300, "Attachment name is required.");
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(a.path("Content").asText(""));
      } catch (IllegalArgumentException e) {
        throw invalid(300, "Attachment content for '" + name + "' is not valid base64.");
      }
      String cid = text(a, "ContentID");
      atts.add(new MimeBuilder.Attachment(bytes, text(a, "ContentType"), name, cid != null && !cid.isEmpty(),
          cid == null || cid.isEmpty() ? null : cid.replaceFirst("^cid:", "")));
    }
    new MimeBuilder().text(textBody).html(htmlBody).attachments(atts).fill(msg);
    for (JsonNode h : m.path("Headers")) {
      msg.setHeader(h.path("Name").asText(), h.path("Value").asText());
    }
    if (m.hasNonNull("Tag")) {
      msg.setHeader("X-PM-Tag", m.get("Tag").asText());
    }
    for (var e : iterable(m.path("Metadata"))) {
      msg.addHeader("X-PM-Metadata-" + e.getKey(), e.getValue().asText());
    }
    if (m.hasNonNull("MessageStream")) {
      msg.setHeader("X-PM-Message-Stream", m.get("MessageStream").asText());
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    return new Sendable(Envelope.of(from.getAddress(), rcpt), msg, text(m, "To") == null ? "" : text(m, "To"));
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }

  private static InternetAddress one(String s, String field) {
    List<InternetAddress> l = list(s, field);
    if (l.size() != 1) {
      throw invalid(300, "Invalid '" + field + "' address: '" + s + "'.");
    }
    return l.get(0);
  }

  private static List<InternetAddress> list(String s, String field) {
    List<InternetAddress> out = new ArrayList<>();
    if (s == null || s.isBlank()) {
      return out;
    }
    try {
      for (InternetAddress a : InternetAddress.parse(s, true)) {
        if (a.getAddress() == null || a.getAddress().indexOf('@') <= 0 || a.getAddress().endsWith("@")) {
          throw new AddressException("no domain");
        }
        out.add(a);
      }
    } catch (AddressException e) {
      throw invalid(300, "Invalid '" + field + "' address: '" + s + "'.");
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
