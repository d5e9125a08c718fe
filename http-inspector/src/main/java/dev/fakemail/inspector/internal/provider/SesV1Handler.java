package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.Envelope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Amazon SES v1, the query API ({@code POST /} form-encoded, {@code Action=...}, SigV4-signed):
 * {@code SendEmail}, {@code SendRawEmail}, {@code CreateTemplate} and {@code SendTemplatedEmail},
 * answering SES's XML, errors in its {@code ErrorResponse} XML. Templates are shared with API v2.
 */
public final class SesV1Handler implements HttpHandler {
  private static final String NS = "http://ses.amazonaws.com/doc/2010-12-01/";
  private final ProviderSupport support;
  private final Templates templates;

  public SesV1Handler(ProviderSupport support, Templates templates) {
    this.support = support;
    this.templates = templates;
  }

  static ProviderException error(int status, String code, String message) {
    String type = status >= 500 ? "Receiver" : "Sender";
    return new ProviderException(status, new ProviderSupport.XmlBody("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + type
        + "</Type><Code>" + code + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>"
        + UUID.randomUUID() + "</RequestId></ErrorResponse>"));
  }

  private static ProviderException invalid(String message) {
    return error(400, "InvalidParameterValue", message);
  }

  private static final ProviderSupport.ErrorShape SHAPE = new ProviderSupport.ErrorShape() {
    @Override
    public Object body(int status, String message) {
      return exception(status, message).body();
    }

    @Override
    public ProviderException exception(int status, String message) {
      return error(status, status == 429 ? "Throttling" : status >= 500 ? "ServiceUnavailable" : "MessageRejected", message);
    }
  };

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String keyId = Ses.authenticate(exchange, support.keys(), (code, msg) -> error(403, code, msg));
      Map<String, String> form = form(support.body(exchange, n -> error(400, "MessageRejected",
          "Message length is more than the limit: " + n + " bytes"), SHAPE));
      String action = form.getOrDefault("Action", "");
      switch (action) {
        case "SendEmail" -> sendEmail(exchange, form, keyId, false);
        case "SendTemplatedEmail" -> sendEmail(exchange, form, keyId, true);
        case "SendRawEmail" -> sendRaw(exchange, form, keyId);
        case "CreateTemplate" -> createTemplate(exchange, form);
        default -> throw error(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
      }
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private void createTemplate(HttpServerExchange exchange, Map<String, String> form) {
    String name = form.getOrDefault("Template.TemplateName", "");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw invalid("Invalid template name.");
    }
    try {
      if (!templates.create(name, new Templates.Content(form.get("Template.SubjectPart"), form.get("Template.TextPart"),
          form.get("Template.HtmlPart")))) {
        throw error(400, "AlreadyExists", "Template " + name + " already exists.");
      }
    } catch (IllegalStateException e) {
      throw error(400, "LimitExceeded", e.getMessage());
    }
    ok(exchange, "CreateTemplate", "");
  }

  private void sendEmail(HttpServerExchange exchange, Map<String, String> form, String keyId, boolean templated)
      throws IOException, MessagingException {
    String source = form.get("Source");
    if (source == null || source.isEmpty()) {
      throw invalid("Missing required parameter Source.");
    }
    InternetAddress from = Ses.address(source, (c, m) -> invalid(m));
    List<InternetAddress> to = Ses.addresses(members(form, "Destination.ToAddresses"), (c, m) -> invalid(m));
    List<InternetAddress> cc = Ses.addresses(members(form, "Destination.CcAddresses"), (c, m) -> invalid(m));
    List<InternetAddress> bcc = Ses.addresses(members(form, "Destination.BccAddresses"), (c, m) -> invalid(m));
    List<InternetAddress> replyTo = Ses.addresses(members(form, "ReplyToAddresses"), (c, m) -> invalid(m));
    if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
      throw invalid("Missing final '@domain'");
    }
    if (to.size() + cc.size() + bcc.size() > Ses.MAX_RECIPIENTS) {
      throw invalid("Recipient count exceeds " + Ses.MAX_RECIPIENTS + ".");
    }
    String subject;
    String text;
    String html;
    if (templated) {
      String name = form.get("Template");
      Templates.Content t = name == null ? null : templates.get(name);
      if (t == null) {
        throw error(400, "TemplateDoesNotExist", "Template " + name + " does not exist.");
      }
      JsonNode data;
      try {
        String d = form.get("TemplateData");
        data = d == null ? null : support.responses().mapper().readTree(d);
      } catch (JsonProcessingException e) {
        throw invalid("Invalid TemplateData: not JSON.");
      }
      Templates.Content r = Templates.render(t, data, support.responses().mapper());
      subject = r.subject() == null ? "" : r.subject();
      text = r.text();
      html = r.html();
    } else {
      subject = form.get("Message.Subject.Data");
      text = form.get("Message.Body.Text.Data");
      html = form.get("Message.Body.Html.Data");
      if (subject == null) {
        throw invalid("Missing required parameter Message.Subject.");
      }
      if (text == null && html == null) {
        throw invalid("Missing required parameter Message.Body.");
      }
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    support.faults(exchange, Ses.PROVIDER, keyId, from.getAddress(), rcpt, SHAPE);
    String messageId = Ses.messageId();
    MimeMessage m = Ses.build(from, to, cc, replyTo, subject, text, html, Map.of(), List.of(), messageId);
    support.deliver(exchange, Ses.PROVIDER, keyId, messageId, Ses.envelope(from.getAddress(), to, cc, bcc), m, SHAPE);
    ok(exchange, templated ? "SendTemplatedEmail" : "SendEmail", "<MessageId>" + messageId + "</MessageId>");
  }

  private void sendRaw(HttpServerExchange exchange, Map<String, String> form, String keyId)
      throws IOException, MessagingException {
    byte[] data;
    try {
      data = Base64.getMimeDecoder().decode(form.getOrDefault("RawMessage.Data", ""));
    } catch (IllegalArgumentException e) {
      throw invalid("RawMessage.Data must be base64.");
    }
    if (data.length == 0) {
      throw invalid("Missing required parameter RawMessage.Data.");
    }
    MimeMessage parsed = ProviderSupport.parse(data);
    List<String> rcpt = new ArrayList<>();
    Ses.addresses(members(form, "Destinations"), (c, m) -> invalid(m)).forEach(a -> rcpt.add(a.getAddress()));
    if (rcpt.isEmpty()) {
      rcpt.addAll(Ses.headerRecipients(parsed));
    }
    if (rcpt.isEmpty()) {
      throw invalid("Missing final '@domain'");
    }
    if (rcpt.size() > Ses.MAX_RECIPIENTS) {
      throw invalid("Recipient count exceeds " + Ses.MAX_RECIPIENTS + ".");
    }
    String source = form.get("Source");
    String from;
    if (source != null && !source.isEmpty()) {
      from = Ses.address(source, (c, m) -> invalid(m)).getAddress();
    } else {
      jakarta.mail.Address[] f = parsed.getFrom();
      if (f == null || f.length == 0 || !(f[0] instanceof InternetAddress a)) {
        throw invalid("Missing required header 'From'.");
      }
      from = a.getAddress();
    }
    support.faults(exchange, Ses.PROVIDER, keyId, from, rcpt, SHAPE);
    String messageId = Ses.messageId();
    support.deliverRaw(exchange, Ses.PROVIDER, keyId, messageId, Envelope.of(from, rcpt), parsed, SHAPE);
    ok(exchange, "SendRawEmail", "<MessageId>" + messageId + "</MessageId>");
  }

  private void ok(HttpServerExchange exchange, String action, String result) {
    String xml = "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</" + action
        + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action
        + "Response>";
    support.responses().bytes(exchange, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code prefix.member.1}, {@code prefix.member.2}, ... in order, up to the first gap. */
  private static List<String> members(Map<String, String> form, String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; form.containsKey(prefix + ".member." + i); i++) {
      out.add(form.get(prefix + ".member." + i));
    }
    return out;
  }

  static Map<String, String> form(byte[] body) {
    Map<String, String> out = new HashMap<>();
    String s = new String(body, StandardCharsets.US_ASCII);
    for (String pair : s.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw error(400, "MalformedQueryString", "malformed form encoding");
      }
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
