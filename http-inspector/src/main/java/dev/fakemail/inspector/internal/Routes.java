package dev.fakemail.inspector.internal;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every route of the inspector, in one table. Handlers that block (anything that parses a message)
 * run in a worker thread; the long poll runs there too but holds none while it waits; every handler
 * is wrapped by the one {@link ErrorMapper}; every {@code /api} route is behind the {@link TokenGuard}
 * when a token is set; every state-changing one (POST, PUT, PATCH, DELETE) behind the {@link CrossSiteGuard}.
 */
public final class Routes {
  /** The largest request body accepted; larger ones get 413. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;
  /** The methods a {@link CrossSiteGuard} stands in front of. */
  public static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final RoutingHandler routing = new RoutingHandler(false);
  private final List<Route> routes = new ArrayList<>();
  private final Inspected in;
  private final String token;
  private final Set<String> allowedOrigins;

  public Routes(Inspected in, String token, EventsHandler events) {
    this(in, token, events, Set.of());
  }

  /** @param allowedOrigins origins whose cross-origin requests may change state ({@code *}: any) */
  public Routes(Inspected in, String token, EventsHandler events, Set<String> allowedOrigins) {
    this.in = in;
    this.token = token;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    Responses r = in.responses();
    JsonBody body = new JsonBody(r::mapper, MAX_BODY_BYTES);

    open("GET", ApiPaths.HEALTH, new HealthHandler(in));
    open("GET", ApiPaths.OPENAPI, new StaticResourceHandler("/dev/fakemail/inspector/openapi.json", Responses.JSON, r));
    open("GET", "/", new StaticResourceHandler("/dev/fakemail/inspector/web/index.html", "text/html; charset=utf-8", r));
    open("GET", "/app.js", new StaticResourceHandler("/dev/fakemail/inspector/web/app.js", "text/javascript; charset=utf-8", r));
    open("GET", "/app.css", new StaticResourceHandler("/dev/fakemail/inspector/web/app.css", "text/css; charset=utf-8", r));

    api("GET", ApiPaths.MESSAGES, worker(new ListMessagesHandler(in)));
    api("DELETE", ApiPaths.MESSAGES, blocking(new PurgeMessagesHandler(in)));
    api("GET", ApiPaths.MESSAGE, blocking(new GetMessageHandler(in)));
    api("DELETE", ApiPaths.MESSAGE, blocking(new DeleteMessageHandler(in)));
    api("GET", ApiPaths.MESSAGE_RAW, blocking(new RawMessageHandler(in)));
    api("GET", ApiPaths.MESSAGE_EML, blocking(new EmlMessageHandler(in)));
    api("GET", ApiPaths.MESSAGE_HTML, blocking(new MessageHtmlHandler(in)));
    api("GET", ApiPaths.MESSAGE_ATTACHMENT, blocking(new AttachmentHandler(in)));
    api("GET", ApiPaths.EVENTS, mapped(events));
    api("GET", ApiPaths.MAILBOXES, blocking(new MailboxesHandler(in)));
    api("GET", ApiPaths.MAILBOX, blocking(new MailboxFoldersHandler(in)));
    api("GET", ApiPaths.SESSIONS, blocking(new SessionsHandler(in)));
    api("GET", ApiPaths.FAULTS, blocking(new ListFaultsHandler(in)));
    api("POST", ApiPaths.FAULTS, blocking(new AddFaultHandler(in, body)));
    api("DELETE", ApiPaths.FAULTS, blocking(new ClearFaultsHandler(in)));
    api("DELETE", ApiPaths.FAULT, blocking(new RemoveFaultHandler(in)));
    api("GET", ApiPaths.DELIVERIES, blocking(new DeliveriesHandler(in)));
    api("GET", ApiPaths.DNS_RECORDS, blocking(new ListDnsRecordsHandler(in)));
    api("POST", ApiPaths.DNS_RECORDS, blocking(new AddDnsRecordHandler(in, body)));
    api("DELETE", ApiPaths.DNS_RECORDS, blocking(new RemoveDnsRecordsHandler(in)));
    api("POST", ApiPaths.DKIM_KEYS, blocking(new AddDkimKeyHandler(in, body)));
    api("GET", ApiPaths.CLOCK, blocking(new ClockHandler(in)));
    api("POST", ApiPaths.CLOCK_ADVANCE, blocking(new AdvanceClockHandler(in, body)));
    api("GET", ApiPaths.USERS, blocking(new ListUsersHandler(in)));
    api("POST", ApiPaths.USERS, blocking(new AddUserHandler(in, body)));
    api("DELETE", ApiPaths.USER, blocking(new RemoveUserHandler(in)));
    api("POST", ApiPaths.RESET, blocking(new ResetHandler(in)));
    api("GET", ApiPaths.TLS_CERTIFICATE, blocking(new CertificateHandler(in)));

    routing.setFallbackHandler(ex -> r.error(ex, 404, "no route " + ex.getRequestMethod() + " " + ex.getRequestPath()));
    routing.setInvalidMethodHandler(ex -> r.error(ex, 405, "method " + ex.getRequestMethod() + " not allowed on " + ex.getRequestPath()));
  }

  /** Adds a route that needs no token. */
  public void open(String method, String path, HttpHandler handler) {
    add(method, path, mapped(handler));
  }

  /**
   * Adds an API route: behind the token when one is set, and behind the {@link CrossSiteGuard} when
   * it changes state. The handler should already be wrapped.
   */
  public void api(String method, String path, HttpHandler handler) {
    HttpHandler h = STATE_CHANGING.contains(method) ? new CrossSiteGuard(handler, in.responses(), allowedOrigins) : handler;
    add(method, path, token == null ? h : new TokenGuard(token, h, in.responses()));
  }

  private void add(String method, String path, HttpHandler handler) {
    routing.add(method, path, handler);
    routes.add(new Route(method, path));
  }

  /** Runs the handler in a worker thread, with errors mapped there. */
  public HttpHandler blocking(HttpHandler handler) {
    return new BlockingHandler(mapped(handler));
  }

  /**
   * Runs the handler in a worker thread in non-blocking mode: its answer may be written later, from
   * another thread (the long poll), and no thread is held meanwhile.
   */
  public HttpHandler worker(HttpHandler handler) {
    HttpHandler mapped = mapped(handler);
    return exchange -> {
      if (exchange.isInIoThread()) {
        exchange.dispatch(mapped);
      } else {
        mapped.handleRequest(exchange);
      }
    };
  }

  private HttpHandler mapped(HttpHandler handler) {
    return new ErrorMapper(handler, in.responses());
  }

  /** The root handler: the body limit in front of the routing table. */
  public HttpHandler handler() {
    return new BodyLimit(MAX_BODY_BYTES, mapped(routing), in.responses());
  }

  /**
   * The root handler with the relay services' send APIs in front: those have their own body cap
   * (the largest message, base64-encoded) and their own guard; everything else goes to {@link #handler()}.
   */
  public HttpHandler handler(dev.fakemail.inspector.internal.provider.ProviderRoutes providers) {
    return providers.handler(handler());
  }

  /** Every route, in the order added (for the OpenAPI test and for documentation). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
