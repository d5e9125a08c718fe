package dev.fakemail.core.internal.server;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.authres.DkimSigning;
import dev.fakemail.core.internal.authres.SenderVerifier;
import dev.fakemail.core.internal.dns.DnsServer;
import dev.fakemail.core.internal.dns.Zones;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.imap.ImapConfig;
import dev.fakemail.core.internal.imap.ImapServer;
import dev.fakemail.core.internal.mailbox.Mailboxes;
import dev.fakemail.core.internal.net.Cidr;
import dev.fakemail.core.internal.net.ProtocolHandler;
import dev.fakemail.core.internal.net.SocketListener;
import dev.fakemail.core.internal.net.TlsMaterial;
import dev.fakemail.core.internal.pop3.Pop3Config;
import dev.fakemail.core.internal.pop3.Pop3Server;
import dev.fakemail.core.internal.relay.DeliveryLog;
import dev.fakemail.core.internal.relay.RelayQueue;
import dev.fakemail.core.internal.relay.Router;
import dev.fakemail.core.internal.relay.SmtpRelayClient;
import dev.fakemail.core.internal.smtp.SmtpConfig;
import dev.fakemail.core.internal.smtp.SmtpException;
import dev.fakemail.core.internal.smtp.SmtpServer;
import dev.fakemail.core.internal.store.MemoryAccount;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.SessionLog;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API: every part of one {@link dev.fakemail.core.FakeMailServer} and how they are wired: the
 * memory budget, the message store and its mailboxes, accounts, TLS, the simulated DNS (and its
 * port), sender authentication, fault rules, the relay queue and its delivery log, the
 * {@link DeliveryPolicy}, and the SMTP, POP3 and IMAP listeners. The server is the public facade
 * over it; fakemail's own modules reach it through {@link ServerInternals}.
 */
public final class ServerAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(ServerAssembly.class);

  private final FakeMailConfig config;
  private final MemoryAccount memory;
  private final MessageStore store;
  private final SessionLog sessions = new SessionLog();
  private final Accounts accounts;
  private final Zones zones;
  private final Mailboxes mailboxes;
  private final TlsMaterial tls;
  private final FaultEngine faults;
  private final DeliveryLog deliveries = new DeliveryLog();
  private final RelayQueue relay;
  private final DeliveryPolicy delivery;
  private final Map<Listener, SocketListener> listeners = new EnumMap<>(Listener.class);
  private DnsServer dnsServer;

  /**
   * Builds every part and binds every listener (and the DNS port when asked for); on failure,
   * whatever was started is stopped again.
   *
   * @param clock the clock relay retries, greylisting and DKIM signature times follow (the server's {@code SimulatedClock})
   * @param userCallbacks how many user callbacks run when a message is stored ({@code onMessage}):
   *     while there are any, SMTP delivers off the event loop
   * @param messages makes the stored message from the bytes received
   * @throws IOException when a listener cannot bind
   */
  public ServerAssembly(FakeMailConfig config, Clock clock, IntSupplier userCallbacks, MessageFactory messages)
      throws IOException {
    this.config = config;
    this.memory = new MemoryAccount(config.maxStoreBytes());
    this.store = new MessageStore(config.maxMessages(), memory);
    this.accounts = new Accounts(config.users(), a -> !config.isLocal(a));
    config.aliases().forEach((user, list) -> list.forEach(alias -> accounts.alias(user, alias)));
    this.zones = new Zones(config.dnsRecords());
    SenderVerifier verifier = new SenderVerifier(zones, config.hostname(), clock); // DKIM t= and x= follow clock().advance()
    DkimSigning signer = config.dkimSigning() == null ? null
        : new DkimSigning(config.dkimSigning().domain(), config.dkimSigning().selector(), config.dkimSigning().privateKey());
    this.mailboxes = new Mailboxes(config.hostname(), memory, config.maxMailboxes(), config.maxFolders());
    store.addListener(mailboxes);
    this.tls = config.keystore() == null ? TlsMaterial.builtIn()
        : TlsMaterial.fromKeyStore(config.keystore(), config.keystorePassword());
    this.faults = new FaultEngine(clock::instant); // greylisting follows clock().advance()
    this.relay = config.localDomains().isEmpty() ? null : new RelayQueue(config.hostname(), clock,
        new Router(zones, config.relayHosts(), config.network(), config.hostname()),
        new SmtpRelayClient(config.hostname(), Duration.ofSeconds(10), Duration.ofSeconds(60)), deliveries,
        config.retrySchedule(), config.maxQueueAge(), this::bounce,
        Math.max(1000, Math.min(config.maxMessages(), 100_000)), memory);
    this.delivery = new DeliveryPolicy(config, host(), store, memory, verifier, signer, relay, messages, userCallbacks);
    if (config.enforce().contains("dmarc")) {
      mailboxes.junkWhen(delivery::quarantined);
    }
    SmtpServer smtp = new SmtpServer(new SmtpConfig(config.hostname(), config.maxMessageSize(),
        config.maxRecipients(), config.maxErrors(), config.authRequired(), accounts, config.senderCheck(),
        config.relayNetworks().stream().map(Cidr::parse).toList(), memory,
        address -> !config.isLocal(address) || mailboxes.admit(address)), delivery, sessions, faults);
    Pop3Server pop3 = new Pop3Server(new Pop3Config(config.hostname(), accounts, mailboxes, config.maxErrors(), faults),
        sessions);
    ImapServer imap = new ImapServer(new ImapConfig(config.hostname(), accounts, mailboxes, config.maxMessageSize(),
        config.maxErrors(), faults), sessions);
    try {
      if (config.dnsPort() >= 0) {
        dnsServer = new DnsServer(zones, config.bindAddress(), config.dnsPort());
      }
      for (Map.Entry<Listener, Integer> e : config.ports().entrySet()) {
        Listener l = e.getKey();
        ProtocolHandler handler = switch (l.protocol()) {
          case SMTP -> smtp;
          case POP3 -> pop3;
          case IMAP -> imap;
        };
        listeners.put(l, new SocketListener(l, config.bindAddress(), e.getValue(), handler, tls,
            config.maxConnections(), config.idleTimeout()));
      }
    } catch (IOException | RuntimeException e) {
      stop(Duration.ZERO);
      throw e;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("fakemail started: {}", listeners.values().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
  }

  /** The relay queue's DSNs, through the delivery policy (made after the queue it uses). */
  private void bounce(String sender, byte[] dsn) {
    delivery.bounce(sender, dsn);
  }

  // ---- addresses ----

  /** The host to connect to: the bound address, or 127.0.0.1 when bound to every interface. */
  public String host() {
    InetAddress a = config.bindAddress();
    return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
  }

  /** The port a listener is bound to, or -1 when it was not started. */
  public int port(Listener listener) {
    SocketListener s = listeners.get(listener);
    return s == null ? -1 : s.port();
  }

  /** The listeners started, in a fixed order, with their ports. */
  public Map<Listener, Integer> ports() {
    Map<Listener, Integer> m = new EnumMap<>(Listener.class);
    listeners.forEach((l, s) -> m.put(l, s.port()));
    return Collections.unmodifiableMap(m);
  }

  /** The port of the simulated DNS, or -1 when it was not started. */
  public int dnsPort() {
    return dnsServer == null ? -1 : dnsServer.port();
  }

  // ---- parts ----

  public MessageStore store() {
    return store;
  }

  /**
   * Delivers a message as SMTP does after the end of DATA (stored, charged to the memory
   * account, queued for relay when a recipient is remote): the entry point of provider HTTP APIs.
   *
   * @throws SmtpException when it is refused (store or relay queue full)
   */
  public ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException {
    return delivery.deliver(envelope, session, content);
  }

  public Accounts accounts() {
    return accounts;
  }

  /** The memory budget everything kept is charged to. */
  public MemoryAccount memory() {
    return memory;
  }

  /** Every user's mailbox (POP3 and IMAP see these). */
  public Mailboxes mailboxes() {
    return mailboxes;
  }

  public TlsMaterial tls() {
    return tls;
  }

  /** The records of the simulated DNS. */
  public Zones zones() {
    return zones;
  }

  public SessionLog sessionLog() {
    return sessions;
  }

  public FaultEngine faultEngine() {
    return faults;
  }

  public DeliveryLog deliveryLog() {
    return deliveries;
  }

  /** Messages waiting in the relay queue (for a first attempt or a retry). */
  public int queuedRelays() {
    return relay == null ? 0 : relay.size();
  }

  /** The simulated clock moved: relay retries now due run at once. */
  public void clockAdvanced() {
    if (relay != null) {
      relay.wake();
    }
  }

  public int openConnections() {
    return listeners.values().stream().mapToInt(SocketListener::openConnections).sum();
  }

  // ---- watchdog ----

  /**
   * The listeners whose event loop has died (not by {@link #stop}): they accept nothing any
   * more. A session's failure never does that; {@code /health} reports them and the standalone
   * program exits on them, so that a supervisor restarts it.
   */
  public List<Listener> failedListeners() {
    List<Listener> failed = new ArrayList<>();
    listeners.forEach((l, s) -> {
      if (!s.isServing()) {
        failed.add(l);
      }
    });
    return failed;
  }

  /** Test hook: makes {@code listener}'s event loop die as if its own machinery had failed. */
  public void failListenerForTest(Listener listener) {
    SocketListener s = listeners.get(listener);
    if (s == null) {
      throw new IllegalArgumentException(listener.id() + " is not enabled");
    }
    s.failLoopForTest(new InternalError("test hook: " + listener.id() + " event loop killed"));
  }

  // ---- lifecycle ----

  /**
   * Clears messages, mailboxes, sessions, fault rules, the relay queue and the delivery log; users
   * and DNS records go back to the configuration.
   */
  public void reset() {
    if (relay != null) {
      relay.clear();
    }
    store.clear();
    mailboxes.reset();
    sessions.clear();
    faults.clear();
    accounts.reset();
    zones.reset();
    deliveries.clear();
  }

  /**
   * Stops the relay queue, the DNS port and every listener, the listeners in parallel, each giving
   * a transfer in progress {@code grace} to finish.
   */
  public void stop(Duration grace) {
    if (relay != null) {
      relay.close();
    }
    if (dnsServer != null) {
      dnsServer.close();
    }
    List<Thread> stops = new ArrayList<>();
    for (SocketListener s : listeners.values()) {
      Thread t = new Thread(() -> s.stop(grace), "fakemail-stop-" + s.listener().id());
      t.start();
      stops.add(t);
    }
    for (Thread t : stops) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
