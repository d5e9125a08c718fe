package dev.fakemail.inspector;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.FakeMailServer;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.fakemail.inspector.internal.ConnectionCap;
import dev.fakemail.inspector.internal.EventsHandler;
import dev.fakemail.inspector.internal.HostGuard;
import dev.fakemail.inspector.internal.Inspected;
import dev.fakemail.inspector.internal.PendingWaits;
import dev.fakemail.inspector.internal.Responses;
import dev.fakemail.inspector.internal.json.JsonMapper;
import dev.fakemail.inspector.internal.Route;
import dev.fakemail.inspector.internal.Routes;
import dev.fakemail.inspector.internal.provider.ProviderKeys;
import dev.fakemail.inspector.internal.provider.ProviderRoutes;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.ConnectorStatistics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.XnioWorker;

/**
 * The HTTP inspection API and web page of a running {@link FakeMailServer}.
 *
 * <pre>{@code
 * try (FakeMailServer mail = FakeMailServer.start();
 *      FakeMailHttpServer http = FakeMailHttpServer.start(mail)) {
 *   URI api = http.baseUri();   // http://127.0.0.1:<port>/
 * }
 * }</pre>
 *
 * <p>Closing it stops only the HTTP side; the mail server keeps running until it is closed.
 */
public final class FakeMailHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeMailHttpServer.class);
  /** Long polls and event streams hold no worker thread; these run the handlers that parse messages. */
  private static final int WORKER_THREADS = 16;
  /** How long a request's line and headers may take to arrive once they have begun (slow drip). */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** How long a connection may stay open with no request (keep-alive, or never a first request). */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** The relay services whose send APIs are served, as named in {@code --provider-key} and on the web page. */
  public static final List<String> PROVIDERS = List.of("sendgrid", "ses", "postmark", "mailgun", "resend", "blastengine");

  private final Undertow undertow;
  private final EventsHandler events;
  private final PendingWaits waits;
  private final int maxConnections;
  private volatile ConnectorStatistics statistics;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private final AutoCloseable storeSubscription;
  private final AutoCloseable deliverySubscription;
  private final AutoCloseable mailboxSubscription;
  private final AutoCloseable sessionSubscription;
  private final List<Route> routes;
  private final String host;
  private final int port;

  private FakeMailHttpServer(FakeMailServer mail, InetAddress bind, int port, String token,
                             Set<String> allowedHosts, Set<String> allowedOrigins, Builder b) {
    Responses responses = new Responses();
    this.events = new EventsHandler(responses::mapper, b.maxQueuedEvents);
    this.waits = new PendingWaits(responses);
    this.maxConnections = b.maxConnections;
    Routes table = new Routes(new Inspected(mail, responses, waits), token, events, allowedOrigins);
    this.routes = table.routes();
    ProviderRoutes providers = new ProviderRoutes(mail, responses, new ProviderKeys(b.providerKeys));
    this.undertow = Undertow.builder()
        .addHttpListener(port, bind.getHostAddress())
        .setIoThreads(2)
        .setWorkerThreads(WORKER_THREADS)
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
        .setServerOption(UndertowOptions.ENABLE_STATISTICS, true)
        // Undertow 2.3.2x refuses bodies past 2 MiB itself, with an empty 400 before any handler
        // runs; BodyLimit and JsonBody set the real limit, with a JSON 413.
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Long.MAX_VALUE)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(b.headerTimeout))
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(b.idleTimeout))
        // Past the cap, requests get 503 (ConnectionCap); past the cap and its headroom, accepting
        // pauses, so that held HTTP connections never take every file descriptor.
        .setSocketOption(Options.CONNECTION_HIGH_WATER, maxConnections + ConnectionCap.headroom(maxConnections))
        .setSocketOption(Options.CONNECTION_LOW_WATER, maxConnections)
        .setHandler(new ConnectionCap(maxConnections, () -> {
          ConnectorStatistics s = statistics;
          return s == null ? 0 : s.getActiveConnections();
        }, responses, new HostGuard(table.handler(providers), responses, bind.isLoopbackAddress(), allowedHosts,
            mail.config().hostname())))
        .build();
    ServerInternals.of(mail).store().addListener(events);
    ServerInternals.of(mail).store().addListener(waits);
    this.storeSubscription = () -> {
      ServerInternals.of(mail).store().removeListener(events);
      ServerInternals.of(mail).store().removeListener(waits);
    };
    this.deliverySubscription = mail.onDelivery(events::delivery);
    this.mailboxSubscription = ServerInternals.of(mail).mailboxes().onChange(events::mailboxChanged);
    this.sessionSubscription = ServerInternals.of(mail).sessionLog().onChange(events::sessionChanged);
    try {
      undertow.start();
    } catch (RuntimeException e) {
      unsubscribe();
      throw e;
    }
    JsonMapper.shared(); // made on its own thread from now on, while the caller goes on (see JsonMapper.shared)
    this.statistics = undertow.getListenerInfo().get(0).getConnectorStatistics();
    waits.useWorker(undertow.getWorker());
    InetSocketAddress bound = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    this.port = bound.getPort();
    this.host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
    LOG.info("HTTP inspector listening on {}:{}{}", bind.getHostAddress(), this.port,
        token == null ? "" : " (bearer token required on /api)");
  }

  /** The API of {@code mail} on a free port of 127.0.0.1, without a token. */
  public static FakeMailHttpServer start(FakeMailServer mail) {
    return builder(mail).start();
  }

  public static Builder builder(FakeMailServer mail) {
    return new Builder(mail);
  }

  /** The port the HTTP listener is bound to. */
  public int port() {
    return port;
  }

  /** The host to connect to: the bound address, or 127.0.0.1 when bound to every interface. */
  public String host() {
    return host;
  }

  /** {@code http://host:port/}. */
  public URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port + "/");
  }

  /** Every route served, as method and path template (for tests in this package). */
  List<Route> routes() {
    return routes;
  }

  /** Requests being handled right now, such as long polls that wait (for tests in this package). */
  long activeRequests() {
    return undertow.getListenerInfo().get(0).getConnectorStatistics().getActiveRequests();
  }

  /** Requests received since the start (for tests in this package). */
  long requestCount() {
    return undertow.getListenerInfo().get(0).getConnectorStatistics().getRequestCount();
  }

  /**
   * Whether the HTTP listener still serves: its worker runs and every I/O thread (they accept and
   * read the connections) is alive. An Error that escaped into one would leave HTTP dead while the
   * process lives on; the standalone program exits on it.
   */
  public boolean isServing() {
    XnioWorker worker = undertow.getWorker();
    if (worker == null || worker.isShutdown()) {
      return false;
    }
    for (int i = 0; i < worker.getIoThreadCount(); i++) {
      if (!worker.getIoThread(i).isAlive()) {
        return false;
      }
    }
    return true;
  }

  /** Long polls waiting now (for tests in this package). */
  int pendingWaits() {
    return waits.size();
  }

  /** Open HTTP connections (for tests in this package). */
  long openConnections() {
    return statistics.getActiveConnections();
  }

  /** The connection cap: past it, requests get 503. */
  public int maxConnections() {
    return maxConnections;
  }

  /** Open event streams (for tests in this package). */
  int eventSubscribers() {
    return events.subscribers();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    unsubscribe();
    events.close();
    waits.close();
    if (isServing()) {
      undertow.stop();
    } else {
      // Undertow's stop waits on the I/O threads, which are gone: it would never return.
      LOG.warn("the HTTP listener had already stopped serving; closing without stopping Undertow");
    }
  }

  private static int millis(Duration d) {
    return (int) d.toMillis();
  }

  private void unsubscribe() {
    for (AutoCloseable subscription : List.of(storeSubscription, deliverySubscription, mailboxSubscription, sessionSubscription)) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("unsubscribing from the mail server failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "FakeMailHttpServer[" + baseUri() + "]";
  }

  /** Where to listen, the optional bearer token, and which other hosts and origins are served. */
  public static final class Builder {
    private final FakeMailServer mail;
    private InetAddress bind = InetAddress.getLoopbackAddress();
    private int port;
    private String token;
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private int maxConnections = defaultMaxConnections();
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxQueuedEvents = EventsHandler.DEFAULT_MAX_QUEUED_EVENTS;
    private final Map<String, Set<String>> providerKeys = new LinkedHashMap<>();

    private Builder(FakeMailServer mail) {
      this.mail = Objects.requireNonNull(mail, "mail server");
    }

    /** The address to bind (default 127.0.0.1; {@code 0.0.0.0} for every interface). */
    public Builder bindAddress(InetAddress address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    public Builder bindAddress(String address) {
      try {
        return bindAddress(InetAddress.getByName(Objects.requireNonNull(address, "address")));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot bind to '" + address + "': unknown host", e);
      }
    }

    /** The port (default 0: a free port, read back with {@link FakeMailHttpServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Requires {@code Authorization: Bearer <token>} on every /api route; null or blank for none. */
    public Builder apiToken(String token) {
      this.token = token == null || token.isBlank() ? null : token.trim();
      return this;
    }

    /**
     * Serves requests whose {@code Host} is this name too (DNS rebinding protection). Without it,
     * bound to loopback, only {@code localhost}, {@code *.localhost} and loopback IP literals are
     * served; bound to another address also any IP literal, single-label names (container service
     * names) and the mail server's host name. {@code *.example.test} allows subdomains; {@code *}
     * turns the check off. Repeatable.
     */
    public Builder allowedHost(String host) {
      String h = Objects.requireNonNull(host, "host").trim().toLowerCase(Locale.ROOT);
      if (h.isEmpty() || h.contains("/") || (h.contains(":") && !h.startsWith("["))) {
        throw new IllegalArgumentException("an allowed host is a name or IP literal without scheme or port "
            + "(such as mail.example.test, *.example.test or *), got '" + host + "'");
      }
      allowedHosts.add(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
      return this;
    }

    /**
     * The most HTTP connections served at once (long polls and event streams count); a request on a
     * connection past it gets {@code 503}. Default: {@link #defaultMaxConnections()}.
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max HTTP connections must be at least 1, got " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * Lets state-changing requests ({@code POST}, {@code PUT}, {@code DELETE}) from a page of this
     * origin through (CSRF protection), such as {@code https://mail.dev.example} when a reverse proxy
     * serves the API under another name; {@code *} allows any origin. Repeatable. Requests still
     * need {@code Content-Type: application/json} or the header {@code X-FakeMail-Request}.
     */
    public Builder allowedOrigin(String origin) {
      String o = Objects.requireNonNull(origin, "origin").trim().toLowerCase(Locale.ROOT);
      if (o.endsWith("/")) {
        o = o.substring(0, o.length() - 1);
      }
      if (!o.equals("*") && !o.matches("[a-z][a-z0-9+.-]*://[^/?#\\s]+")) {
        throw new IllegalArgumentException("an allowed origin is scheme://host[:port] (such as http://localhost:3000) or *, got '"
            + origin + "'");
      }
      allowedOrigins.add(o);
      return this;
    }

    /**
     * How long a request's line and headers may take once they have begun; a slower client is
     * disconnected (default {@link #DEFAULT_HEADER_TIMEOUT}).
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive(timeout, "header timeout");
      return this;
    }

    /**
     * How long a connection may stay open without a request in progress (an idle keep-alive
     * connection, or one that never sends one) before it is closed (default {@link #DEFAULT_IDLE_TIMEOUT}).
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idle timeout");
      return this;
    }

    /** Unsent events an event stream may have before its client is dropped (tests in this package). */
    Builder maxQueuedEvents(int max) {
      this.maxQueuedEvents = max;
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(what + " must be between 1 ms and 24 days, got " + d);
      }
      return d;
    }

    /**
     * 10,000 connections (room for 5,000 long polls of a large CI run plus their other calls), or
     * half the process's file-descriptor limit when that is lower, so that HTTP alone never takes
     * the descriptors the mail listeners need.
     */
    public static int defaultMaxConnections() {
      long fds = Long.MAX_VALUE;
      if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
        fds = unix.getMaxFileDescriptorCount();
      }
      return (int) Math.max(64, Math.min(10_000, fds / 2));
    }

    /**
     * {@link #providerKey(String, String)} written as one string, {@code provider:KEY}, as the
     * command line's {@code --provider-key} and the annotations take it.
     *
     * @throws IllegalArgumentException when {@code spec} has no provider or no key, or the provider is unknown
     */
    public Builder providerKey(String spec) {
      Objects.requireNonNull(spec, "spec");
      int colon = spec.indexOf(':');
      if (colon <= 0 || colon == spec.length() - 1) {
        throw new IllegalArgumentException(
            "a provider key is provider:KEY (such as sendgrid:SG.xxx.yyy or blastengine:LOGIN_ID:API_KEY), got '" + spec.trim() + "'");
      }
      return providerKey(spec.substring(0, colon).trim(), spec.substring(colon + 1).trim());
    }

    /**
     * Strict mode for a relay service's send API: only this key is accepted by {@code provider}
     * ({@code sendgrid}, ...); any other is answered as the provider answers a wrong key. Repeatable
     * (several keys per provider). Without any key for a provider, it accepts every key (open mode).
     */
    public Builder providerKey(String provider, String key) {
      String p = Objects.requireNonNull(provider, "provider").trim().toLowerCase(Locale.ROOT);
      if (!PROVIDERS.contains(p)) {
        throw new IllegalArgumentException("unknown provider '" + provider + "'; expected one of " + PROVIDERS);
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("a provider key must not be blank");
      }
      if (p.equals("blastengine") && key.indexOf(':') <= 0) {
        throw new IllegalArgumentException("a blastengine key is LOGIN_ID:API_KEY (the bearer token is derived from both)");
      }
      providerKeys.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(key.trim());
      return this;
    }

    public FakeMailHttpServer start() {
      if (!mail.isRunning()) {
        throw new IllegalStateException("the mail server is closed; start the HTTP inspector on a running server");
      }
      return new FakeMailHttpServer(mail, bind, port, token, allowedHosts, allowedOrigins, this);
    }
  }
}
