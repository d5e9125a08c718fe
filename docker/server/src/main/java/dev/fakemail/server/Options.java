package dev.fakemail.server;

import dev.fakemail.core.User;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.Listener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The command-line options of the standalone program. Every option also reads an environment
 * variable ({@code --smtp-port} ↔ {@code FAKEMAIL_SMTP_PORT}); the command line wins. The listeners'
 * port defaults are {@link Listener#standaloneDefaultPort()}'s, supplied by {@link PortDefaults}.
 */
final class Options {
  @Option(names = "--bind", defaultValue = "${env:FAKEMAIL_BIND:-127.0.0.1}",
      description = "Address every listener binds (env FAKEMAIL_BIND; default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String bind;

  @Option(names = "--hostname", defaultValue = "${env:FAKEMAIL_HOSTNAME:-localhost}",
      description = "Name in the SMTP greeting (env FAKEMAIL_HOSTNAME; default ${DEFAULT-VALUE}).")
  String hostname;

  @Option(names = "--smtp-port", converter = PortConverter.class,
      description = "SMTP port, 0 for any free port, 'off' to not start it (env FAKEMAIL_SMTP_PORT; default ${DEFAULT-VALUE}).")
  Integer smtpPort = Listener.SMTP.standaloneDefaultPort();

  @Option(names = "--submission-port", converter = PortConverter.class,
      description = "Submission port (env FAKEMAIL_SUBMISSION_PORT; default ${DEFAULT-VALUE}).")
  Integer submissionPort = Listener.SUBMISSION.standaloneDefaultPort();

  @Option(names = "--smtps-port", converter = PortConverter.class,
      description = "SMTPS (implicit TLS) port (env FAKEMAIL_SMTPS_PORT; default ${DEFAULT-VALUE}).")
  Integer smtpsPort = Listener.SMTPS.standaloneDefaultPort();

  @Option(names = "--pop3-port", converter = PortConverter.class,
      description = "POP3 port (env FAKEMAIL_POP3_PORT; default ${DEFAULT-VALUE}).")
  Integer pop3Port = Listener.POP3.standaloneDefaultPort();

  @Option(names = "--pop3s-port", converter = PortConverter.class,
      description = "POP3S (implicit TLS) port (env FAKEMAIL_POP3S_PORT; default ${DEFAULT-VALUE}).")
  Integer pop3sPort = Listener.POP3S.standaloneDefaultPort();

  @Option(names = "--imap-port", converter = PortConverter.class,
      description = "IMAP port (env FAKEMAIL_IMAP_PORT; default ${DEFAULT-VALUE}).")
  Integer imapPort = Listener.IMAP.standaloneDefaultPort();

  @Option(names = "--imaps-port", converter = PortConverter.class,
      description = "IMAPS (implicit TLS) port (env FAKEMAIL_IMAPS_PORT; default ${DEFAULT-VALUE}).")
  Integer imapsPort = Listener.IMAPS.standaloneDefaultPort();

  @Option(names = "--http-port", defaultValue = "${env:FAKEMAIL_HTTP_PORT:-8025}", converter = PortConverter.class,
      description = "HTTP inspection API and web page port (env FAKEMAIL_HTTP_PORT; default ${DEFAULT-VALUE}).")
  Integer httpPort;

  @Option(names = "--api-token", defaultValue = "${env:FAKEMAIL_API_TOKEN}",
      description = "Require 'Authorization: Bearer <token>' on every /api route; /health stays open (env FAKEMAIL_API_TOKEN).")
  String apiToken;

  @Option(names = "--allowed-host", split = ",", defaultValue = "${env:FAKEMAIL_ALLOWED_HOST}",
      description = "Serve HTTP requests whose Host is this name too (DNS rebinding protection; repeatable, or comma-separated "
          + "in env FAKEMAIL_ALLOWED_HOST). Served without it: localhost, *.localhost and loopback IPs; when --bind is not "
          + "loopback also any IP literal, single-label names (container service names) and --hostname. "
          + "'*.example.test' allows subdomains; '*' turns the check off.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--allowed-origin", split = ",", defaultValue = "${env:FAKEMAIL_ALLOWED_ORIGIN}",
      description = "Let POST/PUT/DELETE requests from pages of this origin, such as https://mail.dev.example, through the CSRF "
          + "protection (repeatable, or comma-separated in env FAKEMAIL_ALLOWED_ORIGIN; '*' for any).")
  List<String> allowedOrigins = new ArrayList<>();
  @Option(names = "--max-http-connections", defaultValue = "${env:FAKEMAIL_MAX_HTTP_CONNECTIONS:-0}",
      description = "Most HTTP connections at once, long polls and event streams included; past it requests get 503 "
          + "(env FAKEMAIL_MAX_HTTP_CONNECTIONS; default 10000, or half the file-descriptor limit when lower).")
  int maxHttpConnections;

  @Option(names = "--provider-key", split = ",", defaultValue = "${env:FAKEMAIL_PROVIDER_KEY}",
      description = "Strict mode for a relay service's send API, as provider:KEY (sendgrid, ses (the access key id), postmark, "
          + "mailgun, resend, blastengine:LOGIN_ID:API_KEY): only the keys given are accepted by that provider, others are refused as it refuses "
          + "them (repeatable, or comma-separated in env FAKEMAIL_PROVIDER_KEY). Without any, every key is accepted.")
  List<String> providerKeys = new ArrayList<>();

  @Option(names = "--max-message-size", defaultValue = "${env:FAKEMAIL_MAX_MESSAGE_SIZE:-50MiB}", converter = SizeConverter.class,
      description = "Largest message accepted, e.g. 10MiB or 1048576 (env FAKEMAIL_MAX_MESSAGE_SIZE; default ${DEFAULT-VALUE}).")
  Long maxMessageSize;

  @Option(names = "--max-messages", defaultValue = "${env:FAKEMAIL_MAX_MESSAGES:-1000000}",
      description = "Store cap by count; past it new messages get 452 (env FAKEMAIL_MAX_MESSAGES; default ${DEFAULT-VALUE}).")
  int maxMessages;

  @Option(names = "--max-store-size", defaultValue = "${env:FAKEMAIL_MAX_STORE_SIZE:-0}", converter = SizeConverter.class,
      description = "Memory budget for everything kept: messages stored and being received (octets + ~700 each), mailboxes "
          + "(2,400 each), folders (450), relay jobs; past it new messages and recipients get 452, APPEND NO [OVERQUOTA] "
          + "(env FAKEMAIL_MAX_STORE_SIZE; default: 55%% of the heap beyond 24 MiB, at least 1/8 of the heap).")
  Long maxStoreSize;

  @Option(names = "--max-mailboxes", defaultValue = "${env:FAKEMAIL_MAX_MAILBOXES:-1000000}",
      description = "Mailboxes at most (one per distinct local recipient or login); a new recipient past it gets 452 at RCPT "
          + "(env FAKEMAIL_MAX_MAILBOXES; default ${DEFAULT-VALUE}).")
  int maxMailboxes;

  @Option(names = "--max-folders", defaultValue = "${env:FAKEMAIL_MAX_FOLDERS:-10000}",
      description = "Folders per mailbox at most, the five standard ones included; IMAP CREATE past it gets NO [LIMIT] "
          + "(env FAKEMAIL_MAX_FOLDERS; default ${DEFAULT-VALUE}).")
  int maxFolders;

  @Option(names = "--max-recipients", defaultValue = "${env:FAKEMAIL_MAX_RECIPIENTS:-1000}",
      description = "Recipients per message; the next RCPT gets 452 (env FAKEMAIL_MAX_RECIPIENTS; default ${DEFAULT-VALUE}).")
  int maxRecipients;

  @Option(names = "--max-connections", defaultValue = "${env:FAKEMAIL_MAX_CONNECTIONS:-500}",
      description = "Open connections per listener; more get 421 (env FAKEMAIL_MAX_CONNECTIONS; default ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--idle-timeout", defaultValue = "${env:FAKEMAIL_IDLE_TIMEOUT:-60s}", converter = DurationConverter.class,
      description = "Silent clients are disconnected after this, e.g. 30s or 5m (env FAKEMAIL_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--keystore", defaultValue = "${env:FAKEMAIL_KEYSTORE}",
      description = "PKCS12 or JKS keystore for TLS (env FAKEMAIL_KEYSTORE; default: the built-in self-signed certificate for localhost).")
  Path keystore;

  @Option(names = "--keystore-password", defaultValue = "${env:FAKEMAIL_KEYSTORE_PASSWORD:-}", arity = "1",
      description = "Password of --keystore (env FAKEMAIL_KEYSTORE_PASSWORD).")
  String keystorePassword;

  @Option(names = "--user", split = ",", defaultValue = "${env:FAKEMAIL_USER}",
      description = "Declare a user address:password[:login] (repeatable, or comma-separated in env FAKEMAIL_USER); turns on strict mode.")
  List<String> users = new ArrayList<>();

  @Option(names = "--auth-required", defaultValue = "${env:FAKEMAIL_AUTH_REQUIRED:-false}", fallbackValue = "true", arity = "0..1",
      description = "Require AUTH before MAIL on the submission and SMTPS listeners (env FAKEMAIL_AUTH_REQUIRED).")
  boolean authRequired;

  @Option(names = "--dns-port", defaultValue = "${env:FAKEMAIL_DNS_PORT:-off}", converter = PortConverter.class,
      description = "Serve the simulated DNS over UDP and TCP on this port, 0 for any free port (env FAKEMAIL_DNS_PORT; default ${DEFAULT-VALUE}).")
  Integer dnsPort;

  @Option(names = "--dns-record", split = "\\|", splitSynopsisLabel = "|", defaultValue = "${env:FAKEMAIL_DNS_RECORD}",
      description = "A record of the simulated DNS, \"name TYPE value\" such as \"far.test MX 10 mx.far.test\" (repeatable, or |-separated in env FAKEMAIL_DNS_RECORD).")
  List<String> dnsRecords = new ArrayList<>();

  @Option(names = "--local-domain", split = ",", defaultValue = "${env:FAKEMAIL_LOCAL_DOMAIN}",
      description = "A domain whose mail is kept here (repeatable, or comma-separated in env FAKEMAIL_LOCAL_DOMAIN). "
          + "Once one is declared, mail for other domains is relayed by MX in the simulated DNS.")
  List<String> localDomains = new ArrayList<>();

  @Option(names = "--relay-host", split = ";", splitSynopsisLabel = ";", defaultValue = "${env:FAKEMAIL_RELAY_HOST}",
      description = "Map a simulated host to a real endpoint: name=host:port[,starttls][,user=NAME,password=SECRET] "
          + "(repeatable, or ;-separated in env FAKEMAIL_RELAY_HOST). Relay never connects anywhere else.")
  List<String> relayHosts = new ArrayList<>();

  @Option(names = "--relay-network", split = ",", defaultValue = "${env:FAKEMAIL_RELAY_NETWORK}",
      description = "In strict mode, clients in this network (CIDR such as 10.0.0.0/8, or one address) may relay to non-local "
          + "domains without AUTH; others get 550 5.7.1 (repeatable, or comma-separated in env FAKEMAIL_RELAY_NETWORK).")
  List<String> relayNetworks = new ArrayList<>();

  @Option(names = "--sender-check", negatable = true, defaultValue = "${env:FAKEMAIL_SENDER_CHECK:-true}", fallbackValue = "true",
      description = "In strict mode, submission and SMTPS accept only the authenticated user's own address (or an --alias) "
          + "as sender, else 553 5.7.1; --no-sender-check turns it off (env FAKEMAIL_SENDER_CHECK).")
  boolean senderCheck;

  @Option(names = "--alias", split = ",", defaultValue = "${env:FAKEMAIL_ALIAS}",
      description = "user@domain=alias@domain: the user may also send as the alias (repeatable; comma-separated in env FAKEMAIL_ALIAS).")
  List<String> aliases = new ArrayList<>();

  @Option(names = "--enforce", split = ",", defaultValue = "${env:FAKEMAIL_ENFORCE}",
      description = "Enforce sender authentication instead of only recording it: dmarc (p=reject failures get 550 5.7.1, "
          + "p=quarantine ones go to Junk), spf (SPF fail gets 550 5.7.23); repeatable or comma-separated (env FAKEMAIL_ENFORCE).")
  List<String> enforce = new ArrayList<>();

  @Option(names = "--dkim-sign", defaultValue = "${env:FAKEMAIL_DKIM_SIGN}",
      description = "Sign every relayed message with DKIM: domain:selector:/path/to/key.pem (an RSA key, PKCS#8 PEM, "
          + "\"BEGIN PRIVATE KEY\") (env FAKEMAIL_DKIM_SIGN).")
  String dkimSign;

  @Option(names = "--log-level", defaultValue = "${env:FAKEMAIL_LOG_LEVEL:-info}",
      description = "trace, debug, info, warn or error (env FAKEMAIL_LOG_LEVEL; default ${DEFAULT-VALUE}).")
  String logLevel;

  void validate() {
    if (maxHttpConnections < 0) {
      throw new IllegalArgumentException("--max-http-connections must be at least 1 (0: the default), got " + maxHttpConnections);
    }
    String level = logLevel.toLowerCase(Locale.ROOT);
    if (!List.of("trace", "debug", "info", "warn", "error", "off").contains(level)) {
      throw new IllegalArgumentException("--log-level must be trace, debug, info, warn or error, got '" + logLevel + "'");
    }
    if (keystore != null && keystorePassword.isEmpty()) {
      throw new IllegalArgumentException("--keystore needs --keystore-password (or FAKEMAIL_KEYSTORE_PASSWORD)");
    }
  }

  /** Applies these options to a server builder. */
  FakeMailConfig.Builder applyTo(FakeMailConfig.Builder b) {
    b.bind(bind).hostname(hostname).listeners();
    port(b, Listener.SMTP, smtpPort);
    port(b, Listener.SUBMISSION, submissionPort);
    port(b, Listener.SMTPS, smtpsPort);
    port(b, Listener.POP3, pop3Port);
    port(b, Listener.POP3S, pop3sPort);
    port(b, Listener.IMAP, imapPort);
    port(b, Listener.IMAPS, imapsPort);
    b.maxMessageSize(maxMessageSize).maxMessages(maxMessages).maxRecipients(maxRecipients)
        .maxConnections(maxConnections).idleTimeout(idleTimeout).authRequired(authRequired).senderCheck(senderCheck)
        .maxMailboxes(maxMailboxes).maxFolders(maxFolders);
    for (String a : aliases) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw new IllegalArgumentException("--alias expects user@domain=alias@domain, got '" + a + "'");
      }
      b.alias(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
    }
    if (maxStoreSize > 0) {
      b.maxStoreBytes(maxStoreSize);
    }
    if (keystore != null) {
      b.keystore(keystore, keystorePassword.toCharArray());
    }
    if (dnsPort != null) {
      b.dnsPort(dnsPort);
    }
    for (String r : dnsRecords) {
      if (!r.isBlank()) {
        b.dnsRecord(r.trim());
      }
    }
    for (String e : enforce) {
      if (!e.isBlank()) {
        b.enforce(e.trim());
      }
    }
    if (dkimSign != null && !dkimSign.isBlank()) {
      String[] p = dkimSign.trim().split(":", 3);
      if (p.length != 3 || p[0].isBlank() || p[1].isBlank() || p[2].isBlank()) {
        throw new IllegalArgumentException("--dkim-sign expects domain:selector:/path/to/key.pem, got '" + dkimSign + "'");
      }
      b.dkimSigning(p[0].trim(), p[1].trim(), privateKey(java.nio.file.Path.of(p[2].trim())));
    }
    for (String d : localDomains) {
      if (!d.isBlank()) {
        b.localDomain(d.trim());
      }
    }
    for (String h : relayHosts) {
      if (!h.isBlank()) {
        b.relayHost(dev.fakemail.core.RelayHost.parse(h.trim()));
      }
    }
    for (String n : relayNetworks) {
      if (!n.isBlank()) {
        b.relayNetwork(n.trim());
      }
    }
    for (String u : users) {
      if (!u.isBlank()) {
        b.user(dev.fakemail.core.User.parse(u.trim()));
      }
    }
    return b;
  }

  /** An RSA private key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}), as OpenSSL 3 writes it. */
  static java.security.PrivateKey privateKey(java.nio.file.Path file) {
    String pem;
    try {
      pem = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("--dkim-sign: cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException("--dkim-sign: " + file + " is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
          + "convert one with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
    }
    String b64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      return java.security.KeyFactory.getInstance("RSA").generatePrivate(
          new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(b64)));
    } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("--dkim-sign: " + file + " holds no RSA private key: " + e.getMessage(), e);
    }
  }

  /** Applies the HTTP options (allowed hosts and origins) to the inspector's builder. */
  dev.fakemail.inspector.FakeMailHttpServer.Builder applyTo(dev.fakemail.inspector.FakeMailHttpServer.Builder b) {
    for (String h : allowedHosts) {
      if (!h.isBlank()) {
        b.allowedHost(h.trim());
      }
    }
    for (String o : allowedOrigins) {
      if (!o.isBlank()) {
        b.allowedOrigin(o.trim());
      }
    }
    if (maxHttpConnections > 0) {
      b.maxConnections(maxHttpConnections);
    }
    for (String pk : providerKeys) {
      if (pk.isBlank()) {
        continue;
      }
      try {
        b.providerKey(pk);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--provider-key: " + e.getMessage(), e);
      }
    }
    return b;
  }

  private static void port(FakeMailConfig.Builder b, Listener l, Integer port) {
    if (port != null) {
      b.port(l, port);
    }
  }

  /**
   * The defaults of the listeners' port options ({@code --smtp-port} ...): the variable
   * ({@code FAKEMAIL_SMTP_PORT}) when set, else {@link Listener#standaloneDefaultPort()}, so that
   * the program, its {@code --help} and the container module share one source.
   */
  static final class PortDefaults implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec option)) {
        return null;
      }
      for (Listener l : Listener.values()) {
        if (option.longestName().equals("--" + l.id() + "-port")) {
          String env = System.getenv("FAKEMAIL_" + l.name() + "_PORT");
          return env != null ? env : String.valueOf(l.standaloneDefaultPort());
        }
      }
      return null;
    }
  }

  /** A port number, or {@code off} (null: don't start the listener). */
  static final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.trim();
      if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("none")) {
        return null;
      }
      try {
        int p = Integer.parseInt(v);
        if (p < 0 || p > 65535) {
          throw new TypeConversionException("'" + value + "' is not a port (0-65535 or off)");
        }
        return p;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a port (0-65535 or off)");
      }
    }
  }

  /** A size in octets: {@code 1048576}, {@code 10MiB}, {@code 10MB}, {@code 512k}. */
  static final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a size (e.g. 1048576, 512KiB, 10MiB, 1GiB)");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> n * 1024;
        case "m" -> n * 1024 * 1024;
        case "g" -> n * 1024 * 1024 * 1024;
        default -> n;
      };
    }
  }

  /** A duration: {@code 30s}, {@code 5m}, {@code 500ms}, {@code 1h}, or ISO-8601 ({@code PT30S}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    @Override
    public Duration convert(String value) {
      String v = value.trim();
      Matcher m = SIMPLE.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(v);
      } catch (RuntimeException e) {
        throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 5m, 1h)");
      }
    }
  }
}
