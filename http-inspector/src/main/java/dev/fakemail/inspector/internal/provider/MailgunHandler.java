package dev.fakemail.inspector.internal.provider;

import dev.fakemail.core.Envelope;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mailgun {@code POST /v3/{domain}/messages} and {@code /v3/{domain}/messages.mime}
 * (multipart/form-data or form-encoded; HTTP basic auth {@code api:KEY}), answering
 * {@code {"id":"<...@domain>","message":"Queued. Thank you."}}; refusals as {@code {"message"}}
 * (400), {@code Forbidden} (401) as Mailgun does. {@code h:} fields become headers, {@code v:} fields
 * {@code X-Mailgun-Variables}, {@code o:tag} {@code X-Mailgun-Tag}. Form data is kept in memory, capped.
 */
public final class MailgunHandler implements HttpHandler {
  public static final String PROVIDER = "mailgun";
  /** Mailgun's documented limit of recipients per message. */
  static final int MAX_RECIPIENTS = 1000;

  private final ProviderSupport support;
  private final boolean mime;

  public MailgunHandler(ProviderSupport support, boolean mime) {
    this.support = support;
    this.mime = mime;
  }

  private static ProviderException bad(String message) {
    return new ProviderException(400, Map.of("message", message));
  }

  private static final ProviderSupport.ErrorShape SHAPE = (status, message) -> Map.of("message", message);

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    try {
      String key = basicPassword(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
      if (key == null || !support.keys().accepts(PROVIDER, key)) {
        exchange.setPersistent(false);
        throw new ProviderException(401, "Forbidden");
      }
      io.undertow.util.PathTemplateMatch match = exchange.getAttachment(io.undertow.util.PathTemplateMatch.ATTACHMENT_KEY);
      String domain = match == null ? "" : match.getParameters().getOrDefault("domain", "");
      Map<String, List<Field>> form = form(exchange, support, SHAPE);
      if (mime) {
        sendMime(exchange, form, key, domain);
      } else {
        send(exchange, form, key, domain);
      }
    } catch (ProviderException e) {
      support.answer(exchange, e);
    }
  }

  /** A form field: its text, or a file's bytes, name and type. */
  record Field(String value, byte[] file, String filename, String contentType) {}

  /**
   * Form data (multipart or urlencoded), kept in memory, at most {@code support.maxBodyBytes()} bytes,
   * charged to the memory budget before it is parsed (its declared length) or, sent chunked, once
   * parsed (its fields' sizes); no room is {@code busy}'s 503.
   */
  static Map<String, List<Field>> form(HttpServerExchange exchange, ProviderSupport support, ProviderSupport.ErrorShape busy)
      throws IOException {
    long max = support.maxBodyBytes();
    long declared = exchange.getRequestContentLength();
    if (declared >= 0 && declared <= max) {
      support.charge(exchange, declared, busy);
    }
    exchange.setMaxEntitySize(max);
    MultiPartParserDefinition multipart = new MultiPartParserDefinition();
    multipart.setFileSizeThreshold(max); // in memory, never in a temporary file
    multipart.setMaxIndividualFileSize(max);
    multipart.setDefaultEncoding(StandardCharsets.UTF_8.name());
    FormParserFactory factory = FormParserFactory.builder(false)
        .addParsers(new io.undertow.server.handlers.form.FormEncodedDataDefinition().setDefaultEncoding("UTF-8"), multipart)
        .build();
    Map<String, List<Field>> out = new LinkedHashMap<>();
    try (FormDataParser parser = factory.createParser(exchange)) {
      if (parser == null) {
        throw bad("the body must be multipart/form-data or application/x-www-form-urlencoded");
      }
      FormData data;
      try {
        data = parser.parseBlocking();
      } catch (IOException e) {
        exchange.setPersistent(false);
        if (String.valueOf(e.getMessage()).toLowerCase().contains("size")) {
          throw new ProviderException(413, Map.of("message", "request too large"));
        }
        throw bad("malformed form data");
      }
      for (String name : data) {
        Deque<FormData.FormValue> values = data.get(name);
        List<Field> fields = out.computeIfAbsent(name, k -> new ArrayList<>());
        for (FormData.FormValue v : values) {
          if (v.isFileItem()) {
            byte[] bytes;
            try (InputStream in = v.getFileItem().getInputStream()) {
              bytes = in.readAllBytes();
            }
            String type = v.getHeaders() == null ? null : v.getHeaders().getFirst(Headers.CONTENT_TYPE);
            fields.add(new Field(null, bytes, v.getFileName(), type));
          } else {
            fields.add(new Field(v.getValue(), null, null, null));
          }
        }
      }
    }
    if (declared < 0) {
      long size = 0;
      for (List<Field> l : out.values()) {
        for (Field f : l) {
          size += f.file() != null ? f.file().length : f.value() == null ? 0 : f.value().length();
        }
      }
      support.charge(exchange, size, busy);
    }
    return out;
  }

  private void send(HttpServerExchange exchange, Map<String, List<Field>> form, String key, String domain)
      throws IOException, MessagingException {
    String fromText = first(form, "from");
    if (fromText == null || fromText.isBlank()) {
      throw bad("from parameter is missing");
    }
    InternetAddress from = parse(fromText, "from").get(0);
    List<InternetAddress> to = addresses(form, "to");
    List<InternetAddress> cc = addresses(form, "cc");
    List<InternetAddress> bcc = addresses(form, "bcc");
    if (to.isEmpty()) {
      throw bad("to parameter is missing");
    }
    if (to.size() + cc.size() + bcc.size() > MAX_RECIPIENTS) {
      throw bad("Too many recipients: the limit is " + MAX_RECIPIENTS);
    }
    String subject = first(form, "subject");
    if (subject == null) {
      throw bad("subject parameter is missing");
    }
    String text = first(form, "text");
    String html = first(form, "html");
    if (text == null && html == null && first(form, "template") == null && first(form, "amp-html") == null) {
      throw bad("Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified");
    }
    List<MimeBuilder.Attachment> atts = new ArrayList<>();
    for (Field f : form.getOrDefault("attachment", List.of())) {
      atts.add(fileOf(f, false));
    }
    for (Field f : form.getOrDefault("inline", List.of())) {
      atts.add(fileOf(f, true));
    }
    List<String> rcpt = new ArrayList<>();
    for (List<InternetAddress> l : List.of(to, cc, bcc)) {
      l.forEach(a -> rcpt.add(a.getAddress()));
    }
    support.faults(exchange, PROVIDER, ProviderSupport.prefixId(key), from.getAddress(), rcpt, SHAPE);
    String id = messageId(domain);
    MimeMessage m = ProviderSupport.newMessage();
    m.setFrom(from);
    m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    if (!cc.isEmpty()) {
      m.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
    }
    m.setSubject(subject, "UTF-8");
    m.setSentDate(new Date());
    m.setHeader("Message-ID", "<" + id + ">");
    new MimeBuilder().text(text).html(html).attachments(atts).fill(m);
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    for (Map.Entry<String, List<Field>> e : form.entrySet()) {
      String name = e.getKey();
      for (Field f : e.getValue()) {
        if (f.value() == null) {
          continue;
        }
        if (name.startsWith("h:") && name.length() > 2) {
          m.addHeader(name.substring(2), f.value());
        } else if (name.startsWith("v:") && name.length() > 2) {
          variables.put(name.substring(2), f.value());
        } else if (name.equals("o:tag")) {
          tags.add(f.value());
        } else if (name.equals("t:variables")) {
          m.setHeader("X-Mailgun-Template-Variables", f.value());
        }
      }
    }
    for (String t : tags) {
      m.addHeader("X-Mailgun-Tag", t);
    }
    if (!variables.isEmpty()) {
      m.setHeader("X-Mailgun-Variables", support.responses().mapper().writeValueAsString(variables));
    }
    support.deliver(exchange, PROVIDER, ProviderSupport.prefixId(key), "<" + id + ">", Envelope.of(from.getAddress(), rcpt), m, SHAPE);
    support.responses().json(exchange, 200, Map.of("id", "<" + id + ">", "message", "Queued. Thank you."));
  }

  private void sendMime(HttpServerExchange exchange, Map<String, List<Field>> form, String key, String domain)
      throws IOException, MessagingException {
    List<InternetAddress> to = addresses(form, "to");
    if (to.isEmpty()) {
      throw bad("to parameter is missing");
    }
    if (to.size() > MAX_RECIPIENTS) {
      throw bad("Too many recipients: the limit is " + MAX_RECIPIENTS);
    }
    Field message = form.getOrDefault("message", List.of()).stream().findFirst().orElse(null);
    byte[] raw = message == null ? null : message.file() != null ? message.file() : message.value().getBytes(StandardCharsets.UTF_8);
    if (raw == null || raw.length == 0) {
      throw bad("message parameter is missing");
    }
    MimeMessage parsed = ProviderSupport.parse(raw);
    jakarta.mail.Address[] f = parsed.getFrom();
    if (f == null || f.length == 0 || !(f[0] instanceof InternetAddress fromAddress)) {
      throw bad("from parameter is missing");
    }
    List<String> rcpt = new ArrayList<>();
    to.forEach(a -> rcpt.add(a.getAddress()));
    support.faults(exchange, PROVIDER, ProviderSupport.prefixId(key), fromAddress.getAddress(), rcpt, SHAPE);
    String id = "<" + messageId(domain) + ">";
    support.deliverRaw(exchange, PROVIDER, ProviderSupport.prefixId(key), id, Envelope.of(fromAddress.getAddress(), rcpt),
        parsed, SHAPE);
    support.responses().json(exchange, 200, Map.of("id", id, "message", "Queued. Thank you."));
  }

  private static MimeBuilder.Attachment fileOf(Field f, boolean inline) {
    if (f.file() == null) {
      throw bad((inline ? "inline" : "attachment") + " must be a file");
    }
    String name = f.filename() == null ? "attachment" : f.filename();
    return new MimeBuilder.Attachment(f.file(), f.contentType(), name, inline, inline ? name : null);
  }

  private static String messageId(String domain) {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toUpperCase() + "@"
        + (domain.isEmpty() ? "mailgun.test" : domain);
  }

  private static String first(Map<String, List<Field>> form, String name) {
    List<Field> l = form.get(name);
    return l == null || l.isEmpty() ? null : l.get(0).value();
  }

  private static List<InternetAddress> addresses(Map<String, List<Field>> form, String name) {
    List<InternetAddress> out = new ArrayList<>();
    for (Field f : form.getOrDefault(name, List.of())) {
      if (f.value() != null && !f.value().isBlank()) {
        out.addAll(parse(f.value(), name));
      }
    }
    return out;
  }

  private static List<InternetAddress> parse(String s, String field) {
    try {
      List<InternetAddress> out = new ArrayList<>();
      for (InternetAddress a : InternetAddress.parse(s, true)) {
        if (a.getAddress() == null || a.getAddress().indexOf('@') <= 0 || a.getAddress().endsWith("@")) {
          throw new AddressException();
        }
        out.add(a);
      }
      if (out.isEmpty()) {
        throw new AddressException();
      }
      return out;
    } catch (AddressException e) {
      throw bad("'" + field + "' parameter is not a valid address. please check documentation");
    }
  }

  /** The password of {@code Authorization: Basic base64(api:KEY)}, or null. */
  static String basicPassword(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0 || colon == decoded.length() - 1 ? null : decoded.substring(colon + 1);
  }
}
