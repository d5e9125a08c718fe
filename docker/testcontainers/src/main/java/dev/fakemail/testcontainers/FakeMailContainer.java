package dev.fakemail.testcontainers;

import dev.fakemail.core.Listener;
import dev.fakemail.inspector.client.FakeMailClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.rnorth.ducttape.ratelimits.RateLimiterBuilder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The fakemail image in Testcontainers: SMTP, submission, SMTPS, POP3, IMAP and the HTTP inspection
 * API, each on a mapped port read back with a getter, and {@link #client()}, the same queries and
 * waits as the in-process server, over HTTP.
 *
 * <pre>{@code
 * @Container
 * static FakeMailContainer mail = new FakeMailContainer(DockerImageName.parse("fakemail:latest"));
 *
 * Namespace ns = mail.namespace();                       // this test's own domain
 * app.smtp(mail.getHost(), mail.getSmtpPort());
 * app.signUp(ns.address("bob"));
 * ReceivedMessage m = ns.awaitMessage(MessageFilter.subject("Welcome"));
 * }</pre>
 *
 * <p>{@code start()} returns once {@code GET /health} answers 200, i.e. once every listener is
 * bound. Every {@code with*} option becomes the standalone program's environment variable
 * ({@code FAKEMAIL_USER}, {@code FAKEMAIL_API_TOKEN}, ...) when the container starts; anything else
 * can be set with {@link #withEnv(String, String)} and the variable of the option.
 *
 * <p>Only the HTTP client ({@code java.net.http} and Jackson) comes with this module; the server's
 * own libraries stay inside the image.
 */
public class FakeMailContainer extends GenericContainer<FakeMailContainer> {
  /** Container-side ports: the standalone program's defaults ({@link Listener#standaloneDefaultPort()}). */
  public static final int SMTP_PORT = Listener.SMTP.standaloneDefaultPort();
  public static final int SUBMISSION_PORT = Listener.SUBMISSION.standaloneDefaultPort();
  public static final int SMTPS_PORT = Listener.SMTPS.standaloneDefaultPort();
  public static final int POP3_PORT = Listener.POP3.standaloneDefaultPort();
  public static final int POP3S_PORT = Listener.POP3S.standaloneDefaultPort();
  public static final int IMAP_PORT = Listener.IMAP.standaloneDefaultPort();
  public static final int IMAPS_PORT = Listener.IMAPS.standaloneDefaultPort();
  public static final int HTTP_PORT = 8025;

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final List<String> users = new ArrayList<>();
  private final List<String> localDomains = new ArrayList<>();
  private final List<String> dnsRecords = new ArrayList<>();
  private final List<String> allowedHosts = new ArrayList<>();
  private final List<String> relayNetworks = new ArrayList<>();
  private String dockerHost;
  private boolean authRequired;
  private String hostname;
  private String logLevel;
  private String apiToken;
  private FakeMailClient client;
  private URI clientUri;

  public FakeMailContainer(DockerImageName image) {
    super(Objects.requireNonNull(image, "image"));
    addExposedPorts(SMTP_PORT, SUBMISSION_PORT, SMTPS_PORT, POP3_PORT, POP3S_PORT, IMAP_PORT, IMAPS_PORT, HTTP_PORT);
    // /health needs no token, so the wait is the same with withApiToken(..). Asked every 100 ms
    // instead of Testcontainers' default once a second: the program is up 2-3 s after `run`, and
    // every container a test suite starts waits on this.
    waitingFor(Wait.forHttp("/health").forPort(HTTP_PORT).forStatusCode(200)
        .forResponsePredicate(body -> body.contains("\"UP\""))
        .withRateLimiter(RateLimiterBuilder.newBuilder().withRate(10, TimeUnit.SECONDS).withConstantThroughput().build())
        .withStartupTimeout(STARTUP_TIMEOUT));
  }

  /** Declares a user (turns on strict mode: unknown recipients get 550, wrong passwords 535). */
  public FakeMailContainer withUser(String address, String password) {
    String a = requireNoComma(address, "address");
    if (a.indexOf(':') >= 0) {
      throw new IllegalArgumentException("address must not contain ':': " + address);
    }
    users.add(a + ":" + requireNoComma(password, "password"));
    return self();
  }

  /** Requires AUTH before MAIL on the submission and SMTPS listeners. */
  public FakeMailContainer withAuthRequired() {
    authRequired = true;
    return self();
  }

  /** Declares a local domain; mail for other domains is then routed through the simulated DNS. */
  public FakeMailContainer withLocalDomain(String domain) {
    localDomains.add(requireNoComma(domain, "domain"));
    return self();
  }

  /** Adds a record to the simulated DNS, as {@code "name TYPE value"} (e.g. {@code "example.test MX 10 mx.example.test"}). */
  public FakeMailContainer withDnsRecord(String record) {
    dnsRecords.add(requireNoComma(record, "record"));
    return self();
  }

  /**
   * Lets clients in this network (CIDR such as {@code 10.0.0.0/8}) relay to non-local domains
   * without AUTH in strict mode ({@code FAKEMAIL_RELAY_NETWORK}).
   */
  public FakeMailContainer withRelayNetwork(String cidr) {
    relayNetworks.add(requireNoComma(cidr, "cidr"));
    return self();
  }

  /**
   * Serves HTTP requests whose {@code Host} is this name ({@code FAKEMAIL_ALLOWED_HOST}; DNS
   * rebinding protection). Not needed for {@link #getHost()}, IP literals, single-label names or
   * this container's network aliases: they are allowed already.
   */
  public FakeMailContainer withAllowedHost(String host) {
    allowedHosts.add(requireNoComma(host, "host"));
    return self();
  }

  /** The name in the SMTP greeting (default {@code localhost}). */
  public FakeMailContainer withHostname(String name) {
    hostname = requireNoComma(name, "hostname");
    return self();
  }

  /** trace, debug, info, warn or error. */
  public FakeMailContainer withLogLevel(String level) {
    logLevel = requireNoComma(level, "level");
    return self();
  }

  /**
   * Requires {@code Authorization: Bearer <token>} on every {@code /api} route ({@code /health}
   * stays open); {@link #client()} sends it.
   */
  public FakeMailContainer withApiToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    apiToken = token.trim();
    return self();
  }

  @Override
  protected void doStart() {
    dockerHost = getHost(); // the Host of every request from this side: allowed in configure()
    super.doStart();
  }

  /** Sets what {@link #getHost()} answers for {@link #configure()} (tests without a container runtime). */
  void dockerHost(String host) {
    dockerHost = host;
  }

  /**
   * Whether the server's Host check would refuse this name unless allowed: it is bound to every
   * interface, so localhost, IP literals and single-label names pass already.
   */
  static boolean needsAllowing(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.contains(".") && !h.equals("localhost") && !h.endsWith(".localhost") && !h.contains(":")
        && !h.matches("[0-9.]+");
  }

  @Override
  protected void configure() {
    List<String> hosts = new ArrayList<>(allowedHosts);
    if (dockerHost != null && needsAllowing(dockerHost)) {
      hosts.add(dockerHost);
    }
    getNetworkAliases().stream().filter(FakeMailContainer::needsAllowing).forEach(hosts::add);
    if (!hosts.isEmpty()) {
      withEnv("FAKEMAIL_ALLOWED_HOST", String.join(",", hosts.stream().distinct().toList()));
    }
    if (!relayNetworks.isEmpty()) {
      withEnv("FAKEMAIL_RELAY_NETWORK", String.join(",", relayNetworks));
    }
    if (!users.isEmpty()) {
      withEnv("FAKEMAIL_USER", String.join(",", users));
    }
    if (authRequired) {
      withEnv("FAKEMAIL_AUTH_REQUIRED", "true");
    }
    if (!localDomains.isEmpty()) {
      withEnv("FAKEMAIL_LOCAL_DOMAIN", String.join(",", localDomains));
    }
    if (!dnsRecords.isEmpty()) {
      withEnv("FAKEMAIL_DNS_RECORD", String.join(",", dnsRecords));
    }
    if (hostname != null) {
      withEnv("FAKEMAIL_HOSTNAME", hostname);
    }
    if (logLevel != null) {
      withEnv("FAKEMAIL_LOG_LEVEL", logLevel);
    }
    if (apiToken != null) {
      withEnv("FAKEMAIL_API_TOKEN", apiToken);
    }
  }

  public int getSmtpPort() {
    return getMappedPort(SMTP_PORT);
  }

  public int getSubmissionPort() {
    return getMappedPort(SUBMISSION_PORT);
  }

  public int getSmtpsPort() {
    return getMappedPort(SMTPS_PORT);
  }

  public int getPop3Port() {
    return getMappedPort(POP3_PORT);
  }

  public int getPop3sPort() {
    return getMappedPort(POP3S_PORT);
  }

  public int getImapPort() {
    return getMappedPort(IMAP_PORT);
  }

  public int getImapsPort() {
    return getMappedPort(IMAPS_PORT);
  }

  public int getHttpPort() {
    return getMappedPort(HTTP_PORT);
  }

  /** The base URL of the HTTP inspection API as seen from the host, e.g. {@code http://localhost:32771}. */
  public URI getApiUrl() {
    return URI.create("http://" + getHost() + ":" + getHttpPort());
  }

  /**
   * The HTTP client of this container's inspection API (with the token of {@link #withApiToken},
   * if any): {@code messages}, {@code awaitMessage}, {@code purge}, ... as on the in-process server.
   * One client per started container; it is thread-safe.
   *
   * @throws IllegalStateException before {@code start()}
   */
  public synchronized FakeMailClient client() {
    if (getContainerId() == null) {
      throw new IllegalStateException("client() needs a started container: call start() first");
    }
    URI uri = getApiUrl();
    if (client == null || !uri.equals(clientUri)) {
      client = FakeMailClient.connect(uri, apiToken);
      clientUri = uri;
    }
    return client;
  }

  /**
   * A fresh namespace of this container: a unique domain whose mail only it sees, so that tests
   * sharing the container neither see each other's mail nor need to purge. With
   * {@link #withLocalDomain} declared, use {@code Namespace.of(client(), "<local domain>")}; with
   * {@link #withUser} (strict mode) only declared addresses receive mail, so namespaces do not apply.
   */
  public Namespace namespace() {
    return Namespace.of(client());
  }

  private static String requireNoComma(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (value.indexOf(',') >= 0) {
      throw new IllegalArgumentException(what + " must not contain ',' (the environment variable separates values with it): " + value);
    }
    return value.trim();
  }
}
