package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.Envelope;
import dev.fakemail.inspector.internal.TokenGuard;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * blastengine's transaction API, {@code POST /v1/deliveries/transaction}: a JSON body, or
 * multipart/form-data with the JSON in the field {@code data} and attachments in {@code file}
 * fields. The bearer token is base64 of the lower-case hex SHA-256 of login id and API key; strict
 * mode takes {@code blastengine:LOGIN:APIKEY} and accepts the token derived from it (the login id is
 * then the recorded user). One {@code to} address, at most 10 cc and 10 bcc; {@code insert_code}
 * values replace their keys in subject and bodies. Answers {@code 201 {"delivery_id": N}}; errors
 * {@code {"error_messages":{"field":["message"]}}}.
 */
public final class BlastengineHandler implements HttpHandler {
  public static final String PROVIDER = "blastengine";
  static final int MAX_CC = 10;
  static final int MAX_BCC = 10;

  private final ProviderSupport support;
  private final Map<String, String> tokenToLogin = new LinkedHashMap<>();
  private final AtomicLong deliveryIds = new AtomicLong();

  public BlastengineHandler(ProviderSupport support, List<String> strictKeys) {
    this.support = support;
    for (String k : strictKeys) {
      int colon = k.indexOf(':');
      if (colon > 0) {
        tokenToLogin.put(token(k.substring(0, colon), k.substring(colon + 1)), k.substring(0, colon));
      }
    }
  }

  /** The bearer token blastengine's SDKs send for this login id and API key. */
  public static String token(String loginId, String apiKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((loginId + apiKey).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
      return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ProviderException error(int status, String field, String message) {
    return new ProviderException(status, Map.of("error_messages", Map.of(field, List.of(message))));
  }

  private static final ProviderSupport.ErrorShape SHAPE = (status, message) ->
      Map.of("error_messages", Map.of("main", List.of(message)));

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String token = java.util.Objects.requireNonNullElse(TokenGuard.bearerToken(exchange), "");
      if (token.isEmpty() || !tokenToLogin.isEmpty() && !tokenToLogin.containsKey(token)) {
        exchange.setPersistent(false);
        throw error(401, "main", "Unauthorized");
      }
      String keyId = tokenToLogin.getOrDefault(token, ProviderSupport.prefixId(token));
      JsonNode req;
      List<MimeBuilder.Attachment> files = new ArrayList<>();
      String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
      if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
        Map<String, List<MailgunHandler.Field>> form = MailgunHandler.form(exchange, support, SHAPE);
        List<MailgunHandler.Field> data = form.getOrDefault("data", List.of());
        if (data.isEmpty()) {
          throw error(400, "data", "data is required");
        }
        MailgunHandler.Field d = data.get(0);
        req = json(d.value() != null ? d.value().getBytes(StandardCharsets.UTF_8) : d.file());
        for (MailgunHandler.Field f : form.getOrDefault("file", List.of())) {
          if (f.file() == null) {
            throw error(400, "file", "file must be a file");
          }
          files.add(new MimeBuilder.Attachment(f.file(), f.contentType(), f.filename() == null ? "attachment" : f.filename(),
              false, null));
        }
      } else {
        req = json(support.body(exchange, n -> error(413, "main", "Request Entity Too Large"), SHAPE));
      }
      send(exchange, req, keyId, files);
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  private JsonNode json(byte[] body) {
    try {
      JsonNode n = support.responses().mapper().readTree(body);
      if (n == null || !n.isObject()) {
        throw error(400, "main", "a JSON object is required");
      }
      return n;
    } catch (IOException e) {
      throw error(400, "main", "malformed JSON");
    }
  }

  private void send(HttpServerExchange exchange, JsonNode req, String keyId, List<MimeBuilder.Attachment> files)
      throws IOException, MessagingException {
    JsonNode fromNode = req.path("from");
    String fromEmail = fromNode.path("email").asText("");
    if (fromEmail.isEmpty()) {
      throw error(400, "from", "from.email is required");
    }
    InternetAddress from = address(fromEmail, "from");
    String fromName = fromNode.path("name").asText("");
    if (!fromName.isEmpty()) {
      try {
        from = new InternetAddress(from.getAddress(), fromName, "UTF-8");
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    String toText = req.path("to").asText("");
    if (toText.isEmpty()) {
      throw error(400, "to", "to is required");
    }
    InternetAddress to = address(toText, "to");
    List<InternetAddress> cc = list(req.path("cc"), "cc", MAX_CC);
    List<InternetAddress> bcc = list(req.path("bcc"), "bcc", MAX_BCC);
    String subject = req.path("subject").asText("");
    if (subject.isEmpty()) {
      throw error(400, "subject", "subject is required");
    }
    String text = req.hasNonNull("text_part") ? req.get("text_part").asText() : null;
    String html = req.hasNonNull("html_part") ? req.get("html_part").asText() : null;
    if ((text == null || text.isEmpty()) && (html == null || html.isEmpty())) {
      throw error(400, "text_part", "text_part is required");
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (JsonNode c : req.path("insert_code")) {
      codes.put(c.path("key").asText(), c.path("value").asText());
    }
    List<String> rcpt = new ArrayList<>();
    rcpt.add(to.getAddress());
    cc.forEach(a -> rcpt.add(a.getAddress()));
    bcc.forEach(a -> rcpt.add(a.getAddress()));
    support.faults(exchange, PROVIDER, keyId, from.getAddress(), rcpt, SHAPE);
    long id = deliveryIds.incrementAndGet();
    MimeMessage m = ProviderSupport.newMessage();
    m.setFrom(from);
    m.setRecipient(Message.RecipientType.TO, to);
    if (!cc.isEmpty()) {
      m.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
    }
    String charset = req.path("encode").asText("UTF-8");
    m.setSubject(insert(subject, codes), charset.equalsIgnoreCase("ISO-2022-JP") ? "ISO-2022-JP" : "UTF-8");
    m.setSentDate(new Date());
    new MimeBuilder().text(text == null ? null : insert(text, codes)).html(html == null ? null : insert(html, codes))
        .attachments(files).fill(m);
    support.deliver(exchange, PROVIDER, keyId, Long.toString(id), Envelope.of(from.getAddress(), rcpt), m, SHAPE);
    support.responses().json(exchange, 201, Map.of("delivery_id", id));
  }

  private static String insert(String s, Map<String, String> codes) {
    String out = s;
    for (Map.Entry<String, String> e : codes.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  private static InternetAddress address(String s, String field) {
    try {
      InternetAddress a = new InternetAddress(s, true);
      if (a.getAddress().indexOf('@') <= 0 || a.getAddress().endsWith("@")) {
        throw new AddressException();
      }
      return a;
    } catch (AddressException e) {
      throw error(400, field, field + " is not a valid email address");
    }
  }

  private static List<InternetAddress> list(JsonNode n, String field, int max) {
    List<InternetAddress> out = new ArrayList<>();
    if (n.isArray()) {
      if (n.size() > max) {
        throw error(400, field, field + " accepts at most " + max + " addresses");
      }
      for (JsonNode a : n) {
        out.add(address(a.asText(), field));
      }
    }
    return out;
  }
}
