package dev.fakemail.inspector.internal.provider;

import dev.fakemail.inspector.internal.ErrorMapper;
import dev.fakemail.inspector.internal.Responses;
import dev.fakemail.core.FakeMailServer;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The send APIs of relay services, each on the provider's own path and under
 * {@code /provider/{name}/...} (for SDKs that take a base URL with a path). Requests on any other
 * path go on to {@code next} (the inspector). These routes are not behind the inspector's token or
 * its {@code CrossSiteGuard}: SDKs send the provider's own credentials, and every route here refuses
 * a request without the provider's auth header, which a web page cannot send cross-site without a
 * CORS preflight (none is answered). The {@code HostGuard} in front of everything still applies.
 */
public final class ProviderRoutes {
  private final RoutingHandler routing = new RoutingHandler(false);
  private final List<String> paths = new ArrayList<>();
  private final Responses responses;

  public ProviderRoutes(FakeMailServer server, Responses responses, ProviderKeys keys) {
    this.responses = responses;
    ProviderSupport support = new ProviderSupport(server, responses, keys);
    SendGridTemplatesHandler.Store sendgrid = new SendGridTemplatesHandler.Store();
    add(SendGridHandler.PROVIDER, "POST", "/v3/mail/send", new SendGridHandler(support, sendgrid));
    add(SendGridHandler.PROVIDER, "POST", "/v3/templates", new SendGridTemplatesHandler(support, sendgrid, false));
    add(SendGridHandler.PROVIDER, "POST", "/v3/templates/{template_id}/versions",
        new SendGridTemplatesHandler(support, sendgrid, true));
    Templates ses = new Templates();
    add(Ses.PROVIDER, "POST", "/v2/email/outbound-emails", new SesV2Handler(support, ses, false));
    add(Ses.PROVIDER, "POST", "/v2/email/templates", new SesV2Handler(support, ses, true));
    add(Ses.PROVIDER, "POST", "/", new SesV1Handler(support, ses));
    PostmarkHandler.TemplateStore postmark = new PostmarkHandler.TemplateStore();
    for (String slash : new String[] {"", "/"}) { // the Java SDK sends /email/ and /templates/
      add(PostmarkHandler.PROVIDER, "POST", "/email" + slash, new PostmarkHandler(support, postmark, PostmarkHandler.Kind.SINGLE));
      add(PostmarkHandler.PROVIDER, "POST", "/templates" + slash,
          new PostmarkHandler(support, postmark, PostmarkHandler.Kind.CREATE_TEMPLATE));
    }
    add(PostmarkHandler.PROVIDER, "POST", "/email/batch", new PostmarkHandler(support, postmark, PostmarkHandler.Kind.BATCH));
    add(PostmarkHandler.PROVIDER, "POST", "/email/withTemplate",
        new PostmarkHandler(support, postmark, PostmarkHandler.Kind.TEMPLATE));
    add(MailgunHandler.PROVIDER, "POST", "/v3/{domain}/messages", new MailgunHandler(support, false));
    add(BlastengineHandler.PROVIDER, "POST", "/v1/deliveries/transaction", new BlastengineHandler(support,
        List.copyOf(keys.keys().getOrDefault(BlastengineHandler.PROVIDER, java.util.Set.of()))));
    add(MailgunHandler.PROVIDER, "POST", "/v3/{domain}/messages.mime", new MailgunHandler(support, true));
    ResendHandler.IdempotencyKeys resend = new ResendHandler.IdempotencyKeys();
    add(ResendHandler.PROVIDER, "POST", "/emails", new ResendHandler(support, false, resend));
    add(ResendHandler.PROVIDER, "POST", "/emails/batch", new ResendHandler(support, true, resend));
    add(PostmarkHandler.PROVIDER, "POST", "/email/batchWithTemplates",
        new PostmarkHandler(support, postmark, PostmarkHandler.Kind.BATCH_TEMPLATES));
  }

  private void add(String provider, String method, String path, HttpHandler handler) {
    HttpHandler h = crossSiteRefused(new BlockingHandler(new ErrorMapper(handler, responses)));
    routing.add(method, path, h);
    routing.add(method, "/provider/" + provider + path, h);
    paths.add(method + " " + path);
  }

  /**
   * SDKs send neither {@code Origin} nor {@code Sec-Fetch-Site}; a browser does. A request from a page
   * of another origin is refused before anything is read (belt and braces: without the provider's
   * auth header, which such a page cannot add without a preflight, it is refused anyway).
   */
  private HttpHandler crossSiteRefused(HttpHandler next) {
    return exchange -> {
      String origin = exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.ORIGIN);
      String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
      boolean foreign = origin != null && !dev.fakemail.inspector.internal.CrossSiteGuard.sameOrigin(origin,
          exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.HOST));
      if (foreign || site != null && site.trim().equalsIgnoreCase("cross-site")) {
        exchange.setPersistent(false);
        responses.error(exchange, 403, "a relay service API called from a web page of another origin is refused (CSRF protection)");
        return;
      }
      next.handleRequest(exchange);
    };
  }

  /** The provider routes in front of {@code next}, which gets every other request. */
  public HttpHandler handler(HttpHandler next) {
    routing.setFallbackHandler(next);
    routing.setInvalidMethodHandler(next);
    return routing;
  }

  /** The routes served, as {@code METHOD /path}. */
  public List<String> paths() {
    return List.copyOf(paths);
  }
}
