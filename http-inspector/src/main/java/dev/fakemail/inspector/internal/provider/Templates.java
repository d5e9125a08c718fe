package dev.fakemail.inspector.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Email templates kept per provider (SES {@code CreateEmailTemplate}), rendered with Handlebars.java
 * as SES renders them: HTML with escaping, subject and text without. At most {@link #MAX_TEMPLATES}
 * per provider ({@code reset} clears none: templates are configuration, like users).
 */
public final class Templates {
  /** SES's default quota of templates per account. */
  public static final int MAX_TEMPLATES = 10_000;
  /** Loaded on first use: Handlebars.java is an optional dependency, needed only when a template is rendered. */
  private static final class Engines {
    static final Handlebars HTML = new Handlebars();
    static final Handlebars PLAIN = new Handlebars().with(EscapingStrategy.NOOP);
  }

  /** A template's three parts; any may be null. */
  public record Content(String subject, String text, String html) {}

  private final Map<String, Content> byName = new ConcurrentHashMap<>();

  /** @return false when the name is taken already */
  public boolean create(String name, Content content) {
    if (byName.size() >= MAX_TEMPLATES && !byName.containsKey(name)) {
      throw new IllegalStateException("template quota of " + MAX_TEMPLATES + " reached");
    }
    return byName.putIfAbsent(name, content) == null;
  }

  public Content get(String name) {
    return byName.get(name);
  }

  /** Renders each part with {@code data} (a JSON object); a part that is null stays null. */
  public static Content render(Content t, JsonNode data, ObjectMapper mapper) throws IOException {
    return render(t, data, mapper, false);
  }

  /**
   * Renders each part; with {@code escapeAll} (SendGrid's dynamic templates: one engine for all
   * parts, so {@code {{x}}} is HTML-escaped in the subject and plain text too, {@code {{{x}}}} not).
   */
  public static Content render(Content t, JsonNode data, ObjectMapper mapper, boolean escapeAll) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> context = data == null || data.isNull() ? Map.of() : mapper.convertValue(data, Map.class);
    Handlebars plain = escapeAll ? Engines.HTML : Engines.PLAIN;
    return new Content(apply(plain, t.subject(), context), apply(plain, t.text(), context),
        apply(Engines.HTML, t.html(), context));
  }

  private static String apply(Handlebars engine, String source, Map<String, Object> context) throws IOException {
    if (source == null) {
      return null;
    }
    Template template = engine.compileInline(source);
    return template.apply(context);
  }
}
