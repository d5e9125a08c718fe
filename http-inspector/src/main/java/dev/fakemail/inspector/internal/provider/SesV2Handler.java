package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Amazon SES API v2: {@code SendEmail} ({@code POST /v2/email/outbound-emails}, with Simple, Raw or
 * Template content) answering {@code {"MessageId"}}, and {@code CreateEmailTemplate}
 * ({@code POST /v2/email/templates}). Errors as SES's REST-JSON ones: the status, the
 * {@code x-amzn-ErrorType} header and {@code {"message"}}.
 */
public final class SesV2Handler implements HttpHandler {
  private final ProviderSupport support;
  private final Templates templates;
  private final boolean createTemplate;

  public SesV2Handler(ProviderSupport support, Templates templates, boolean createTemplate) {
    this.support = support;
    this.templates = templates;
    this.createTemplate = createTemplate;
  }

  static ProviderException error(int status, String type, String message) {
    return new ProviderException(status, Map.of("message", message), null, Map.of("x-amzn-ErrorType", type));
  }

  private static ProviderException bad(String message) {
    return error(400, "BadRequestException", message);
  }

  private static final ProviderSupport.ErrorShape SHAPE = new ProviderSupport.ErrorShape() {
    @Override
    public Object body(int status, String message) {
      return Map.of("message", message);
    }

    @Override
    public ProviderException exception(int status, String message) {
      return error(status, status == 429 ? "TooManyRequestsException" : status >= 500 ? "InternalFailure" : "BadRequestException",
          message);
    }
  };

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String keyId = Ses.authenticate(exchange, support.keys(), (code, msg) -> error(403, code + "Exception", msg));
      byte[] raw = support.body(exchange, n -> bad("Message length is more than the limit: " + n + " bytes"), SHAPE);
      JsonNode req;
      try {
        req = support.responses().mapper().readTree(raw);
      } catch (JsonProcessingException e) {
        throw error(400, "SerializationException", "malformed JSON");
      }
      if (req == null || !req.isObject()) {
        throw error(400, "SerializationException", "a JSON object is required");
      }
      if (createTemplate) {
        create(exchange, req);
      } else {
        send(exchange, req, keyId);
      }
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private void create(HttpServerExchange exchange, JsonNode req) {
    String name = req.path("TemplateName").asText("");
    JsonNode c = req.path("TemplateContent");
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw bad("Invalid template name.");
    }
    if (!c.isObject()) {
      throw bad("TemplateContent is required.");
    }
    try {
      if (!templates.create(name, new Templates.Content(text(c, "Subject"), text(c, "Text"), text(c, "Html")))) {
        throw error(400, "AlreadyExistsException", "Template " + name + " already exists.");
      }
    } catch (IllegalStateException e) {
      throw error(400, "LimitExceededException", e.getMessage());
    }
    support.responses().json(exchange, 200, Map.of());
  }

  private void send(HttpServerExchange exchange, JsonNode req, String keyId) throws IOException, MessagingException {
    JsonNode content = req.path("Content");
    JsonNode dest = req.path("Destination");
    List<InternetAddress> to = Ses.addresses(strings(dest.path("ToAddresses")), (c, m) -> bad(m));
    List<InternetAddress> cc = Ses.addresses(strings(dest.path("CcAddresses")), (c, m) -> bad(m));
    List<InternetAddress> bcc = Ses.addresses(strings(dest.path("BccAddresses")), (c, m) -> bad(m));
    List<InternetAddress> replyTo = Ses.addresses(strings(req.path("ReplyToAddresses")), (c, m) -> bad(m));
    if (to.size() + cc.size() + bcc.size() > Ses.MAX_RECIPIENTS) {
      throw bad("Recipient count exceeds " + Ses.MAX_RECIPIENTS + ".");
    }
    String fromText = text(req, "FromEmailAddress");
    String messageId = Ses.messageId();
    if (content.has("Raw")) {
      byte[] data;
      try {
        data = Base64.getMimeDecoder().decode(content.path("Raw").path("Data").asText(""));
      } catch (IllegalArgumentException e) {
        throw bad("Raw message data must be base64.");
      }
      if (data.length == 0) {
        throw bad("Raw message data is required.");
      }
      MimeMessage parsed = ProviderSupport.parse(data);
      List<String> rcpt = new ArrayList<>();
      for (List<InternetAddress> l : List.of(to, cc, bcc)) {
        l.forEach(a -> rcpt.add(a.getAddress()));
      }
      if (rcpt.isEmpty()) {
        rcpt.addAll(Ses.headerRecipients(parsed));
      }
      if (rcpt.isEmpty()) {
        throw bad("Missing final '@domain'");
      }
      if (rcpt.size() > Ses.MAX_RECIPIENTS) {
        throw bad("Recipient count exceeds " + Ses.MAX_RECIPIENTS + ".");
      }
      String from = fromText != null ? Ses.address(fromText, (c, m) -> bad(m)).getAddress() : firstFrom(parsed);
      support.faults(exchange, Ses.PROVIDER, keyId, from, rcpt, SHAPE);
      support.deliverRaw(exchange, Ses.PROVIDER, keyId, messageId, dev.fakemail.core.Envelope.of(from, rcpt), parsed, SHAPE);
      support.responses().json(exchange, 200, Map.of("MessageId", messageId));
      return;
    }
    if (fromText == null || fromText.isEmpty()) {
      throw bad("Missing required parameter FromEmailAddress.");
    }
    InternetAddress from = Ses.address(fromText, (c, m) -> bad(m));
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw bad("Missing final '@domain'");
    }
    String subject;
    String text;
    String html;
    Map<String, String> headers;
    List<MimeBuilder.Attachment> attachments;
    if (content.has("Simple")) {
      JsonNode s = content.path("Simple");
      subject = text(s.path("Subject"), "Data");
      text = text(s.path("Body").path("Text"), "Data");
      html = text(s.path("Body").path("Html"), "Data");
      if (subject == null) {
        throw bad("Missing required parameter Subject.");
      }
      if (text == null && html == null) {
        throw bad("Missing required parameter Body.");
      }
      headers = headers(s.path("Headers"));
      attachments = attachments(s.path("Attachments"));
    } else if (content.has("Template")) {
      JsonNode t = content.path("Template");
      String name = text(t, "TemplateName");
      Templates.Content tc = name == null ? null : templates.get(name);
      if (tc == null) {
        throw error(404, "NotFoundException", "Template " + name + " does not exist.");
      }
      JsonNode data;
      try {
        String d = text(t, "TemplateData");
        data = d == null ? null : support.responses().mapper().readTree(d);
      } catch (JsonProcessingException e) {
        throw bad("Invalid TemplateData: not JSON.");
      }
      Templates.Content r = Templates.render(tc, data, support.responses().mapper());
      subject = r.subject() == null ? "" : r.subject();
      text = r.text();
      html = r.html();
      headers = headers(t.path("Headers"));
      attachments = attachments(t.path("Attachments"));
    } else {
      throw bad("Missing required parameter Content.");
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    support.faults(exchange, Ses.PROVIDER, keyId, from.getAddress(), rcpt, SHAPE);
    MimeMessage m = Ses.build(from, to, cc, replyTo, subject, text, html, headers, attachments, messageId);
    JsonNode tags = req.path("EmailTags");
    if (tags.isArray() && !tags.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      tags.forEach(tag -> sb.append(sb.length() == 0 ? "" : ", ").append(tag.path("Name").asText()).append('=')
          .append(tag.path("Value").asText()));
      m.setHeader("X-SES-MESSAGE-TAGS", sb.toString());
    }
    support.deliver(exchange, Ses.PROVIDER, keyId, messageId, Ses.envelope(from.getAddress(), to, cc, bcc), m, SHAPE);
    support.responses().json(exchange, 200, Map.of("MessageId", messageId));
  }

  private static String firstFrom(MimeMessage m) throws MessagingException {
    jakarta.mail.Address[] from = m.getFrom();
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress a)) {
      throw bad("Missing required header 'From'.");
    }
    return a.getAddress();
  }

  private static Map<String, String> headers(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n.isArray()) {
      for (JsonNode h : n) {
        String name = h.path("Name").asText("");
        if (!name.matches("[!-9;-~]{1,126}")) {
          throw bad("Invalid header name: " + name);
        }
        out.put(name, h.path("Value").asText(""));
      }
    }
    return out;
  }

  private static List<MimeBuilder.Attachment> attachments(JsonNode n) {
    List<MimeBuilder.Attachment> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode a : n) {
        String file = text(a, "FileName");
        if (file == null || file.isEmpty()) {
          throw bad("Missing required parameter FileName.");
        }
        byte[] bytes;
        try {
          bytes = Base64.getMimeDecoder().decode(a.path("RawContent").asText(""));
        } catch (IllegalArgumentException e) {
          throw bad("RawContent must be base64.");
        }
        boolean inline = "INLINE".equalsIgnoreCase(a.path("ContentDisposition").asText(""));
        out.add(new MimeBuilder.Attachment(bytes, text(a, "ContentType"), file, inline, text(a, "ContentId")));
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }
}
