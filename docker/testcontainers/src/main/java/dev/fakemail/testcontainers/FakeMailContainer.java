package dev.fakemail.testcontainers;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The fakemail image in Testcontainers: SMTP, submission, SMTPS, POP3, IMAP and the HTTP inspection
 * API, each on a mapped port read back with a getter.
 *
 * <pre>{@code
 * @Container
 * static FakeMailContainer mail = new FakeMailContainer(DockerImageName.parse("fakemail:latest"))
 *     .withUser("bob@example.test", "secret");
 *
 * app.smtp(mail.getHost(), mail.getSmtpPort());
 * }</pre>
 *
 * <p>Every {@code with*} option becomes the standalone program's environment variable
 * ({@code FAKEMAIL_USER}, {@code FAKEMAIL_AUTH_REQUIRED}, ...) when the container starts; anything
 * else can be set with {@link #withEnv(String, String)} and the variable of the option.
 */
public class FakeMailContainer extends GenericContainer<FakeMailContainer> {
  /** Container-side ports: the standalone program's defaults. */
  public static final int SMTP_PORT = 2525;
  public static final int SUBMISSION_PORT = 2587;
  public static final int SMTPS_PORT = 2465;
  public static final int POP3_PORT = 2110;
  public static final int POP3S_PORT = 2995;
  public static final int IMAP_PORT = 2143;
  public static final int IMAPS_PORT = 2993;
  public static final int HTTP_PORT = 8025;

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final List<String> users = new ArrayList<>();
  private final List<String> localDomains = new ArrayList<>();
  private final List<String> dnsRecords = new ArrayList<>();
  private boolean authRequired;
  private String hostname;
  private String logLevel;

  public FakeMailContainer(DockerImageName image) {
    super(Objects.requireNonNull(image, "image"));
    addExposedPorts(SMTP_PORT, SUBMISSION_PORT, SMTPS_PORT, POP3_PORT, POP3S_PORT, IMAP_PORT, IMAPS_PORT, HTTP_PORT);
    // TODO(http-inspector): wait on GET /health once the image serves HTTP:
    //   Wait.forHttp("/health").forPort(HTTP_PORT).forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT)
    // Until then, the program's "ready" line (printed once every listener is bound) is the signal.
    waitingFor(Wait.forLogMessage("ready\\s*", 1).withStartupTimeout(STARTUP_TIMEOUT));
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

  @Override
  protected void configure() {
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

  // TODO(http-inspector): when FakeMailClient exists, add
  //   public FakeMailClient client() { return FakeMailClient.connect(getApiUrl()); }
  //   public Namespace namespace() { return Namespace.of(client()); }
  // (FakeMailClient implements MailInspector, which is all Namespace needs.)

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
