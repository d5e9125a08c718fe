package dev.fakemail.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a {@link FakeMailServer}: an immutable value, made by {@link #builder()} and
 * changed by {@link #toBuilder()}; two configurations with the same settings are {@link #equals equal}
 * (a {@link SimulatedNetwork} counts by identity), and {@link #toString()} leaves passwords and keys out.
 *
 * <pre>{@code
 * FakeMailConfig config = FakeMailConfig.builder().user("alice@corp.test", "secret").authRequired(true).build();
 * try (FakeMailServer mail = FakeMailServer.start(config)) { ... }
 * FakeMailConfig relaying = config.toBuilder().localDomain("corp.test").build();
 * }</pre>
 *
 * <p>Defaults: SMTP, submission, SMTPS,
 * POP3, POP3S, IMAP and IMAPS on free ports of 127.0.0.1; messages up to 50 MiB; 1000 recipients
 * per message; a store of at most 1,000,000 messages, 1,000,000 mailboxes and 10,000 folders per
 * mailbox, and one memory budget derived from the JVM's maximum heap
 * ({@link #defaultMemoryBudget(long)}) that every kept message, mailbox and folder is charged to
 * (beyond any of these, new messages and recipients get {@code 452 4.3.1}, IMAP APPEND
 * {@code NO [OVERQUOTA]}, CREATE {@code NO [LIMIT]}, and nothing stored is evicted); 500
 * connections per listener; 60 s idle timeout; open mode (any recipient, any credentials); every
 * domain local (nothing relayed); no DNS port; relay retries after 1, 5 and 30 minutes, then every
 * 30 minutes, bouncing after 4 hours.
 */
public final class FakeMailConfig {
  public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L * 1024 * 1024;
  public static final int DEFAULT_MAX_RECIPIENTS = 1000;
  public static final int DEFAULT_MAX_MESSAGES = 1_000_000;
  /** Mailboxes (one per distinct local recipient or login) at most; a new recipient past it gets {@code 452 4.3.1}. */
  public static final int DEFAULT_MAX_MAILBOXES = 1_000_000;
  /** Folders per mailbox at most, the five standard ones included; CREATE past it gets {@code NO [LIMIT]}. */
  public static final int DEFAULT_MAX_FOLDERS = 10_000;
  /** What the server needs for itself before anything is stored: listeners, TLS, the HTTP inspector, caches. */
  static final long SERVER_RESERVE = 24L * 1024 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 500;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /** Listeners started unless told otherwise. */
  public static final Set<Listener> DEFAULT_LISTENERS =
      Collections.unmodifiableSet(EnumSet.of(Listener.SMTP, Listener.SUBMISSION, Listener.SMTPS, Listener.POP3,
          Listener.POP3S, Listener.IMAP, Listener.IMAPS));
  /** Delays between relay attempts while the far end answers 4xx; the last one repeats. */
  public static final List<Duration> DEFAULT_RETRY_SCHEDULE =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
  /** How long a message may stay deferred before it bounces. */
  public static final Duration DEFAULT_MAX_QUEUE_AGE = Duration.ofHours(4);

  private final InetAddress bindAddress;
  private final Map<Listener, Integer> ports;
  private final String hostname;
  private final long maxMessageSize;
  private final int maxRecipients;
  private final int maxMessages;
  private final long maxStoreBytes;
  private final int maxMailboxes;
  private final int maxFolders;
  private final int maxConnections;
  private final int maxErrors;
  private final Duration idleTimeout;
  private final Duration stopGrace;
  private final Path keystore;
  private final char[] keystorePassword;
  private final List<User> users;
  private final boolean authRequired;
  private final boolean senderCheck;
  private final Map<String, List<String>> aliases;
  private final List<DnsRecord> dnsRecords;
  private final int dnsPort;
  private final Set<String> localDomains;
  private final Map<String, RelayHost> relayHosts;
  private final List<String> relayNetworks;
  private final SimulatedNetwork network;
  private final List<Duration> retrySchedule;
  private final Duration maxQueueAge;
  private final Set<String> enforce;
  private final DkimKey dkimSigning;

  private FakeMailConfig(Builder b) {
    this.bindAddress = b.bindAddress;
    this.ports = Collections.unmodifiableMap(new EnumMap<>(b.ports));
    this.hostname = b.hostname;
    this.maxMessageSize = b.maxMessageSize;
    this.maxRecipients = b.maxRecipients;
    this.maxMessages = b.maxMessages;
    this.maxStoreBytes = b.maxStoreBytes > 0 ? b.maxStoreBytes : defaultMemoryBudget(Runtime.getRuntime().maxMemory());
    this.maxMailboxes = b.maxMailboxes;
    this.maxFolders = b.maxFolders;
    this.maxConnections = b.maxConnections;
    this.maxErrors = b.maxErrors;
    this.idleTimeout = b.idleTimeout;
    this.stopGrace = b.stopGrace;
    this.keystore = b.keystore;
    this.keystorePassword = b.keystorePassword == null ? null : b.keystorePassword.clone();
    this.users = List.copyOf(b.users);
    this.authRequired = b.authRequired;
    this.senderCheck = b.senderCheck;
    Map<String, List<String>> a = new java.util.LinkedHashMap<>();
    b.aliases.forEach((k, v) -> a.put(k, List.copyOf(v)));
    this.aliases = Collections.unmodifiableMap(a);
    this.dnsRecords = List.copyOf(b.dnsRecords);
    this.dnsPort = b.dnsPort;
    this.localDomains = Collections.unmodifiableSet(new LinkedHashSet<>(b.localDomains));
    this.relayHosts = Collections.unmodifiableMap(new LinkedHashMap<>(b.relayHosts));
    this.relayNetworks = List.copyOf(b.relayNetworks);
    this.network = b.network;
    this.retrySchedule = List.copyOf(b.retrySchedule);
    this.maxQueueAge = b.maxQueueAge;
    this.enforce = Collections.unmodifiableSet(new LinkedHashSet<>(b.enforce));
    this.dkimSigning = b.dkimSigning;
  }

  /** A builder with every default; {@link Builder#build()} makes the configuration, {@link Builder#start()} a server with it. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every setting of this configuration, to make one that differs in a few. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bindAddress = bindAddress;
    b.ports.clear();
    b.ports.putAll(ports);
    b.hostname = hostname;
    b.maxMessageSize = maxMessageSize;
    b.maxRecipients = maxRecipients;
    b.maxMessages = maxMessages;
    b.maxStoreBytes = maxStoreBytes;
    b.maxMailboxes = maxMailboxes;
    b.maxFolders = maxFolders;
    b.maxConnections = maxConnections;
    b.maxErrors = maxErrors;
    b.idleTimeout = idleTimeout;
    b.stopGrace = stopGrace;
    b.keystore = keystore;
    b.keystorePassword = keystorePassword == null ? null : keystorePassword.clone();
    b.users.addAll(users);
    b.authRequired = authRequired;
    b.senderCheck = senderCheck;
    aliases.forEach((user, list) -> b.aliases.put(user, new ArrayList<>(list)));
    b.dnsRecords.addAll(dnsRecords);
    b.dnsPort = dnsPort;
    b.localDomains.addAll(localDomains);
    b.relayHosts.putAll(relayHosts);
    b.relayNetworks.addAll(relayNetworks);
    b.network = network;
    b.retrySchedule = retrySchedule;
    b.maxQueueAge = maxQueueAge;
    b.enforce.addAll(enforce);
    b.dkimSigning = dkimSigning;
    return b;
  }

  public InetAddress bindAddress() { return bindAddress; }
  /** The listeners to start, each with the port asked for (0: any free port). */
  public Map<Listener, Integer> ports() { return ports; }
  public String hostname() { return hostname; }
  public long maxMessageSize() { return maxMessageSize; }
  public int maxRecipients() { return maxRecipients; }
  public int maxMessages() { return maxMessages; }
  /** The memory budget: stored and in-flight message octets, mailboxes and folders, each with its estimated overhead. */
  public long maxStoreBytes() { return maxStoreBytes; }
  public int maxMailboxes() { return maxMailboxes; }
  /** Folders per mailbox, the five standard ones included. */
  public int maxFolders() { return maxFolders; }
  public int maxConnections() { return maxConnections; }
  public int maxErrors() { return maxErrors; }
  public Duration idleTimeout() { return idleTimeout; }
  public Duration stopGrace() { return stopGrace; }
  public Path keystore() { return keystore; }
  /** The password of {@link #keystore()} (a copy; empty without a keystore); left out of {@link #toString()}. */
  public char[] keystorePassword() { return keystorePassword == null ? new char[0] : keystorePassword.clone(); }
  public List<User> users() { return users; }
  public boolean authRequired() { return authRequired; }
  /** Whether, in strict mode, submission and SMTPS only accept the user's own address (or alias) as sender. */
  public boolean senderCheck() { return senderCheck; }
  /** Declared aliases: user address → addresses it may also send as. */
  public Map<String, List<String>> aliases() { return aliases; }
  /** The records of the simulated DNS at start-up. */
  public List<DnsRecord> dnsRecords() { return dnsRecords; }
  /** The DNS port asked for: 0 for any free port, -1 for no DNS listener. */
  public int dnsPort() { return dnsPort; }
  /** The sender authentication methods enforced ({@code dmarc}, {@code spf}); empty: verdicts are only recorded. */
  public Set<String> enforce() { return enforce; }
  /** The key this server signs relayed mail with (DKIM), or null. */
  public DkimKey dkimSigning() { return dkimSigning; }
  /** The domains whose mail is kept here; empty: every domain is local, nothing is relayed. */
  public Set<String> localDomains() { return localDomains; }
  /** Simulated host names mapped to real endpoints, by name. */
  public Map<String, RelayHost> relayHosts() { return relayHosts; }
  /**
   * Client networks (CIDR, such as {@code 10.0.0.0/8}) that may relay without AUTH in strict mode;
   * empty by default: in strict mode only authenticated sessions relay.
   */
  public List<String> relayNetworks() { return relayNetworks; }
  /** The simulated network this server joins, or null. */
  public SimulatedNetwork network() { return network; }
  public List<Duration> retrySchedule() { return retrySchedule; }
  public Duration maxQueueAge() { return maxQueueAge; }

  /**
   * The default memory budget for a heap of {@code maxHeap} bytes: 55% of what is left after a
   * 24 MiB reserve for the server itself, and at least an eighth of the heap. The other 45% is
   * headroom for what is not charged: the copy made when a received message is stored, HTTP and
   * IMAP answers being written, parsed views, the session and delivery logs (bounded by
   * {@link #defaultLogBudget(long)} each), and the garbage collector's working room. At
   * {@code -Xmx64m} that is 22 MiB, at {@code -Xmx128m} 57 MiB, at 1 GiB 550 MiB.
   */
  public static long defaultMemoryBudget(long maxHeap) {
    return Math.max(maxHeap / 8, (maxHeap - SERVER_RESERVE) / 100 * 55);
  }

  /** The budget of the session log (transcripts) and of the delivery log, each: a 64th of the heap, between 1 and 16 MiB. */
  public static long defaultLogBudget(long maxHeap) {
    return Math.max(1L << 20, Math.min(16L << 20, maxHeap / 64));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FakeMailConfig c)) {
      return false;
    }
    return bindAddress.equals(c.bindAddress) && ports.equals(c.ports) && hostname.equals(c.hostname)
        && maxMessageSize == c.maxMessageSize && maxRecipients == c.maxRecipients && maxMessages == c.maxMessages
        && maxStoreBytes == c.maxStoreBytes && maxMailboxes == c.maxMailboxes && maxFolders == c.maxFolders
        && maxConnections == c.maxConnections && maxErrors == c.maxErrors && idleTimeout.equals(c.idleTimeout)
        && stopGrace.equals(c.stopGrace) && Objects.equals(keystore, c.keystore)
        && Arrays.equals(keystorePassword, c.keystorePassword) && users.equals(c.users) && authRequired == c.authRequired
        && senderCheck == c.senderCheck && aliases.equals(c.aliases) && dnsRecords.equals(c.dnsRecords)
        && dnsPort == c.dnsPort && localDomains.equals(c.localDomains) && relayHosts.equals(c.relayHosts)
        && relayNetworks.equals(c.relayNetworks) && network == c.network && retrySchedule.equals(c.retrySchedule)
        && maxQueueAge.equals(c.maxQueueAge) && enforce.equals(c.enforce) && Objects.equals(dkimSigning, c.dkimSigning);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bindAddress, ports, hostname, maxMessageSize, maxRecipients, maxMessages, maxStoreBytes,
        maxMailboxes, maxFolders, maxConnections, maxErrors, idleTimeout, stopGrace, keystore, users, authRequired,
        senderCheck, aliases, dnsRecords, dnsPort, localDomains, relayHosts, relayNetworks,
        System.identityHashCode(network), retrySchedule, maxQueueAge, enforce, dkimSigning);
  }

  /** Every setting; the keystore password, users' passwords and the DKIM key are left out. */
  @Override
  public String toString() {
    return "FakeMailConfig[bind=" + bindAddress.getHostAddress() + ", ports=" + ports + ", hostname=" + hostname
        + ", maxMessageSize=" + maxMessageSize + ", maxRecipients=" + maxRecipients + ", maxMessages=" + maxMessages
        + ", maxStoreBytes=" + maxStoreBytes + ", maxMailboxes=" + maxMailboxes + ", maxFolders=" + maxFolders
        + ", maxConnections=" + maxConnections + ", maxErrors=" + maxErrors + ", idleTimeout=" + idleTimeout
        + ", stopGrace=" + stopGrace + ", keystore=" + (keystore == null ? "built-in" : keystore)
        + ", users=" + users + ", authRequired=" + authRequired + ", senderCheck=" + senderCheck
        + ", aliases=" + aliases + ", dnsRecords=" + dnsRecords + ", dnsPort=" + (dnsPort < 0 ? "off" : dnsPort)
        + ", localDomains=" + localDomains + ", relayHosts=" + relayHosts.values() + ", relayNetworks=" + relayNetworks
        + ", network=" + (network == null ? "none" : "joined") + ", retrySchedule=" + retrySchedule
        + ", maxQueueAge=" + maxQueueAge + ", enforce=" + enforce + ", dkimSigning=" + dkimSigning + "]";
  }

  /** Whether mail for this address stays here (every address when no local domain is declared). */
  public boolean isLocal(String address) {
    if (localDomains.isEmpty()) {
      return true;
    }
    int at = address.lastIndexOf('@');
    return at < 0 || localDomains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Builds a {@link FakeMailConfig}; {@link #build()} checks the whole and returns the value,
   * {@link #start()} starts a server with it. Each setter rejects a bad value at once with an
   * {@link IllegalArgumentException} naming the setting.
   */
  public static final class Builder {
    private InetAddress bindAddress = loopback();
    private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
    private String hostname = "localhost";
    private long maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
    private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
    private int maxMessages = DEFAULT_MAX_MESSAGES;
    private long maxStoreBytes;
    private int maxMailboxes = DEFAULT_MAX_MAILBOXES;
    private int maxFolders = DEFAULT_MAX_FOLDERS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int maxErrors = 10;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration stopGrace = Duration.ofSeconds(2);
    private Path keystore;
    private char[] keystorePassword;
    private final List<User> users = new ArrayList<>();
    private boolean authRequired;
    private boolean senderCheck = true;
    private final Map<String, List<String>> aliases = new java.util.LinkedHashMap<>();
    private final List<DnsRecord> dnsRecords = new ArrayList<>();
    private int dnsPort = -1;
    private final Set<String> localDomains = new LinkedHashSet<>();
    private final Map<String, RelayHost> relayHosts = new LinkedHashMap<>();
    private final List<String> relayNetworks = new ArrayList<>();
    private SimulatedNetwork network;
    private List<Duration> retrySchedule = DEFAULT_RETRY_SCHEDULE;
    private Duration maxQueueAge = DEFAULT_MAX_QUEUE_AGE;
    private final Set<String> enforce = new LinkedHashSet<>();
    private DkimKey dkimSigning;

    private Builder() {
      for (Listener l : DEFAULT_LISTENERS) {
        ports.put(l, 0);
      }
    }

    private static InetAddress loopback() {
      return InetAddress.getLoopbackAddress();
    }

    /** The address every listener binds: 127.0.0.1 by default; {@code 0.0.0.0} for every interface. */
    public Builder bind(String address) {
      requireText(address, "bind address");
      try {
        this.bindAddress = InetAddress.getByName(address);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot bind to unknown address '" + address + "'", e);
      }
      return this;
    }

    public Builder bind(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "bind address");
      return this;
    }

    /** Starts exactly these listeners, each on a free port unless {@link #port} says otherwise. */
    public Builder listeners(Listener... listeners) {
      ports.clear();
      for (Listener l : listeners) {
        ports.put(Objects.requireNonNull(l, "listener"), 0);
      }
      return this;
    }

    /** Starts this listener on this port (0: any free port). */
    public Builder port(Listener listener, int port) {
      Objects.requireNonNull(listener, "listener");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      ports.put(listener, port);
      return this;
    }

    /** Does not start this listener. */
    public Builder disable(Listener listener) {
      ports.remove(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The name the server gives in its greeting and EHLO reply ({@code localhost} by default). */
    public Builder hostname(String hostname) {
      this.hostname = requireText(hostname, "hostname");
      return this;
    }

    public Builder maxMessageSize(long octets) {
      this.maxMessageSize = positive(octets, "maxMessageSize");
      return this;
    }

    public Builder maxRecipients(int count) {
      this.maxRecipients = (int) positive(count, "maxRecipients");
      return this;
    }

    /** Store cap by count: the message past it gets {@code 452 4.3.1}. */
    public Builder maxMessages(int count) {
      this.maxMessages = (int) positive(count, "maxMessages");
      return this;
    }

    /**
     * The memory budget in octets (default {@link FakeMailConfig#defaultMemoryBudget(long)} of the
     * heap): stored messages count their octets plus an estimated 700 per message, mailboxes 2,400,
     * folders 450, messages being received the buffer they fill. The message that would pass it gets
     * {@code 452 4.3.1}, a new recipient {@code 452 4.3.1} at RCPT, an APPEND {@code NO [OVERQUOTA]}.
     */
    public Builder maxStoreBytes(long octets) {
      this.maxStoreBytes = positive(octets, "maxStoreBytes");
      return this;
    }

    /** Mailboxes at most (one per distinct local recipient or login); a new recipient past it gets {@code 452 4.3.1}. */
    public Builder maxMailboxes(int count) {
      this.maxMailboxes = (int) positive(count, "maxMailboxes");
      return this;
    }

    /** Folders per mailbox at most, the five standard ones (INBOX, Sent, Drafts, Trash, Junk) included; CREATE past it gets {@code NO [LIMIT]}. */
    public Builder maxFolders(int count) {
      if (count < 5) {
        throw new IllegalArgumentException("maxFolders must be at least 5 (INBOX, Sent, Drafts, Trash, Junk), not " + count);
      }
      this.maxFolders = count;
      return this;
    }

    public Builder maxConnections(int perListener) {
      this.maxConnections = (int) positive(perListener, "maxConnections");
      return this;
    }

    /** Error replies a session may earn before it gets 421 and is closed (10 by default). */
    public Builder maxErrors(int count) {
      this.maxErrors = (int) positive(count, "maxErrors");
      return this;
    }

    /** How long a client may stay silent, or take over one command line, before it is disconnected. */
    public Builder idleTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, got " + timeout);
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** How long {@code close()} lets a transfer in progress finish (2 s by default). */
    public Builder stopGrace(Duration grace) {
      if (grace == null || grace.isNegative()) {
        throw new IllegalArgumentException("stopGrace must be zero or positive, got " + grace);
      }
      this.stopGrace = grace;
      return this;
    }

    /** Uses this keystore (PKCS12 or JKS) instead of the built-in self-signed certificate. */
    public Builder keystore(Path file, char[] password) {
      this.keystore = Objects.requireNonNull(file, "keystore file");
      Objects.requireNonNull(password, "keystore password");
      this.keystorePassword = password.clone();
      return this;
    }

    /** Declares a user, which turns on strict mode (see the README); {@link User#parse} reads {@code address:password[:login]}. */
    public Builder user(User user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /** Declares a user, which turns on strict mode (see the README). */
    public Builder user(String address, String password) {
      users.add(new User(address, password, null));
      return this;
    }

    /** Declares a user with a login name other than the address. */
    public Builder user(String address, String password, String login) {
      users.add(new User(address, password, login));
      return this;
    }

    /** Requires AUTH before MAIL on the submission and SMTPS listeners. */
    public Builder authRequired(boolean required) {
      this.authRequired = required;
      return this;
    }

    /**
     * In strict mode, a client authenticated on submission or SMTPS may only use its own address,
     * or one of its {@link #alias aliases}, as envelope sender; others get {@code 553 5.7.1}. On by
     * default, as a provider's submission server does it.
     */
    public Builder senderCheck(boolean check) {
      this.senderCheck = check;
      return this;
    }

    /** Lets a declared user send as another address too (see {@link #senderCheck}). */
    public Builder alias(String userAddress, String alias) {
      requireText(userAddress, "alias: user address");
      requireText(alias, "alias");
      aliases.computeIfAbsent(userAddress, k -> new ArrayList<>()).add(alias);
      return this;
    }

    /**
     * Enforces sender authentication instead of only recording it: {@code dmarc} rejects a DMARC
     * failure under {@code p=reject} with {@code 550 5.7.1} and files one under {@code p=quarantine}
     * in each recipient's Junk folder; {@code spf} rejects an SPF {@code fail} with {@code 550 5.7.23}.
     * The verdict is then made before the reply to the data, not on first read.
     */
    public Builder enforce(String... methods) {
      for (String m : methods) {
        String l = m == null ? "" : m.strip().toLowerCase(java.util.Locale.ROOT);
        if (!l.equals("dmarc") && !l.equals("spf")) {
          throw new IllegalArgumentException("enforce takes dmarc or spf, got '" + m + "'");
        }
        enforce.add(l);
      }
      return this;
    }

    /**
     * Signs every message this server relays with DKIM ({@code d=domain; s=selector}, RSA-SHA256,
     * relaxed/relaxed), as a relay service does. Publish the public key where the far end looks
     * ({@code selector._domainkey.domain}) for it to pass.
     */
    public Builder dkimSigning(String domain, String selector, java.security.PrivateKey key) {
      requireText(domain, "dkimSigning: domain");
      requireText(selector, "dkimSigning: selector");
      this.dkimSigning = new DkimKey(DnsRecord.normalizeName(domain), selector, Objects.requireNonNull(key, "dkimSigning: key"), "");
      return this;
    }

    /** Signs relayed mail with this key (see {@link #dkimSigning(String, String, java.security.PrivateKey)}); null: no signing. */
    public Builder dkimSigning(DkimKey key) {
      this.dkimSigning = key;
      return this;
    }

    /** A record of the simulated DNS at start-up, as {@code far.test MX 10 mx.far.test}. */
    public Builder dnsRecord(String record) {
      dnsRecords.add(DnsRecord.parse(record));
      return this;
    }

    public Builder dnsRecord(DnsRecord record) {
      dnsRecords.add(Objects.requireNonNull(record, "dnsRecord"));
      return this;
    }

    /** Serves the simulated DNS over UDP and TCP on this port (0: any free port); off unless set. */
    public Builder dnsPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("dnsPort must be 0..65535, got " + port);
      }
      this.dnsPort = port;
      return this;
    }

    /**
     * Declares a domain whose mail is kept here. Once one is declared, mail for every other domain
     * is relayed by its MX records in the simulated DNS.
     */
    public Builder localDomain(String... domains) {
      for (String d : domains) {
        requireText(d, "localDomain");
        localDomains.add(DnsRecord.normalizeName(d));
      }
      return this;
    }

    /**
     * Lets clients in these networks ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}) relay
     * to non-local domains without AUTH in strict mode, like Postfix's {@code mynetworks}. Without
     * one, a strict server relays only for authenticated sessions; others get {@code 550 5.7.1} at
     * RCPT. Open mode is unaffected.
     */
    public Builder relayNetwork(String... cidrs) {
      for (String c : cidrs) {
        requireText(c, "relayNetwork");
        relayNetworks.add(dev.fakemail.core.internal.net.Cidr.parse(c).toString());
      }
      return this;
    }

    /** Maps a simulated host name (an MX target) to a real endpoint: relayed mail for it goes there. */
    public Builder relayHost(String name, String host, int port) {
      return relayHost(new RelayHost(name, host, port));
    }

    /** A relay host with STARTTLS and AUTH, as a smart host or relay service wants. */
    public Builder relayHost(String name, String host, int port, String username, String password, boolean startTls) {
      return relayHost(new RelayHost(name, host, port, username, password, startTls));
    }

    public Builder relayHost(RelayHost relayHost) {
      Objects.requireNonNull(relayHost, "relayHost");
      relayHosts.put(relayHost.name(), relayHost);
      return this;
    }

    /** Joins a simulated network, where this server is known by its {@link #hostname(String)}; null: none. */
    public Builder network(SimulatedNetwork network) {
      this.network = network;
      return this;
    }

    /** Delays between relay attempts after a temporary failure; the last one repeats. */
    public Builder retrySchedule(Duration... delays) {
      if (delays.length == 0) {
        throw new IllegalArgumentException("retrySchedule needs at least one delay");
      }
      for (Duration d : delays) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("retry delays must be positive, got " + d);
        }
      }
      this.retrySchedule = List.of(delays);
      return this;
    }

    /** How long a message may stay deferred before it bounces (4 hours by default). */
    public Builder maxQueueAge(Duration age) {
      if (age == null || age.isNegative()) {
        throw new IllegalArgumentException("maxQueueAge must be zero or positive, got " + age);
      }
      this.maxQueueAge = age;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException when no listener is left to start
     */
    public FakeMailConfig build() {
      if (ports.isEmpty()) {
        throw new IllegalStateException("no listener to start: enable at least one");
      }
      return new FakeMailConfig(this);
    }

    /**
     * Starts a server with this configuration: {@code FakeMailServer.start(build())}.
     *
     * @throws java.io.UncheckedIOException when a listener cannot bind (a fixed port in use)
     */
    public FakeMailServer start() {
      return FakeMailServer.start(build());
    }

    private static long positive(long v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + v);
      }
      return v;
    }

    private static String requireText(String s, String name) {
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return s;
    }
  }
}
