package dev.fakemail.core;

import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.authres.DkimSigning;
import dev.fakemail.core.internal.authres.SenderVerifier;
import dev.fakemail.core.internal.dns.DnsServer;
import dev.fakemail.core.internal.dns.Zones;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.imap.ImapConfig;
import dev.fakemail.core.internal.imap.ImapServer;
import dev.fakemail.core.internal.mailbox.Mailboxes;
import dev.fakemail.core.internal.net.ProtocolHandler;
import dev.fakemail.core.internal.net.SocketListener;
import dev.fakemail.core.internal.net.TlsMaterial;
import dev.fakemail.core.internal.pop3.Pop3Config;
import dev.fakemail.core.internal.pop3.Pop3Server;
import dev.fakemail.core.internal.relay.DeliveryLog;
import dev.fakemail.core.internal.relay.RelayQueue;
import dev.fakemail.core.internal.relay.Router;
import dev.fakemail.core.internal.relay.SmtpRelayClient;
import dev.fakemail.core.internal.smtp.Delivery;
import dev.fakemail.core.internal.smtp.SmtpConfig;
import dev.fakemail.core.internal.smtp.SmtpException;
import dev.fakemail.core.internal.smtp.SmtpReply;
import dev.fakemail.core.internal.smtp.SmtpServer;
import dev.fakemail.core.internal.store.MemoryAccount;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.SessionLog;
import dev.fakemail.core.internal.store.StoreFullException;
import dev.fakemail.core.internal.store.StoreListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake mail server: real SMTP (and POP3, IMAP) listeners on real sockets, every message kept in
 * memory. Start one with {@link #start()} or {@link #builder()}, read the ports back, send mail to
 * it, and ask it what arrived.
 *
 * <pre>{@code
 * try (FakeMailServer mail = FakeMailServer.start()) {
 *   app.sendWelcome("bob@example.test", "127.0.0.1", mail.smtpPort());
 *   ReceivedMessage m = mail.awaitMessage(MessageFilter.to("bob@example.test"));
 *   assertEquals("Welcome", m.subject());
 * }
 * }</pre>
 */
public final class FakeMailServer implements MailInspector, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeMailServer.class);

  private final FakeMailConfig config;
  private final MemoryAccount memory;
  private final MessageStore store;
  private final SessionLog sessions = new SessionLog();
  private final Accounts accounts;
  private final Mailboxes mailboxes;
  private final TlsMaterial tls;
  private final Map<Listener, SocketListener> listeners = new EnumMap<>(Listener.class);
  private final SimulatedDns dns;
  private final SenderVerifier verifier;
  private final DkimSigning signer;
  private final SimulatedClock clock = new SimulatedClock();
  private final FaultEngine faults = new FaultEngine(clock::instant); // greylisting follows clock().advance()
  private final DeliveryLog deliveries = new DeliveryLog();
  private final RelayQueue relay;
  private final AtomicInteger onMessageCallbacks = new AtomicInteger();
  private DnsServer dnsServer;
  private boolean joined;
  private volatile boolean closed;

  private FakeMailServer(FakeMailConfig config) throws IOException {
    this.config = config;
    this.memory = new MemoryAccount(config.maxStoreBytes());
    this.store = new MessageStore(config.maxMessages(), memory);
    this.accounts = new Accounts(config.users(), a -> !config.isLocal(a));
    Zones zones = new Zones(config.dnsRecords());
    this.dns = new SimulatedDns(zones);
    this.verifier = new SenderVerifier(zones, config.hostname());
    this.signer = config.dkimSigning() == null ? null
        : new DkimSigning(config.dkimSigning().domain(), config.dkimSigning().selector(), config.dkimSigning().privateKey());
    config.aliases().forEach((user, list) -> list.forEach(alias -> accounts.alias(user, alias)));
    this.mailboxes = new Mailboxes(config.hostname(), memory, config.maxMailboxes(), config.maxFolders());
    if (config.enforce().contains("dmarc")) {
      mailboxes.junkWhen(this::quarantined);
    }
    store.addListener(mailboxes);
    this.tls = config.keystore() == null ? TlsMaterial.builtIn()
        : TlsMaterial.fromKeyStore(config.keystore(), config.keystorePassword());
    SmtpServer smtp = new SmtpServer(new SmtpConfig(config.hostname(), config.maxMessageSize(),
        config.maxRecipients(), config.maxErrors(), config.authRequired(), accounts, config.senderCheck(),
        config.relayNetworks().stream().map(dev.fakemail.core.internal.net.Cidr::parse).toList(), memory,
        address -> !config.isLocal(address) || mailboxes.admit(address)), new Delivery() {
          @Override
          public ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException {
            return FakeMailServer.this.deliver(envelope, session, content);
          }

          @Override
          public boolean mayBlock() {
            // user code; or enforcement, whose verdict (up to 0.16 ms of CPU per RSA signature, AuthenticationBenchmark) would hold up the
            // event loop's other sessions; storing and queueing for relay never wait
            return onMessageCallbacks.get() > 0 || !config.enforce().isEmpty();
          }
        }, sessions, faults);
    this.relay = config.localDomains().isEmpty() ? null : new RelayQueue(config.hostname(), clock,
        new Router(zones, config.relayHosts(), config.network(), config.hostname()),
        new SmtpRelayClient(config.hostname(), Duration.ofSeconds(10), Duration.ofSeconds(60)), deliveries,
        config.retrySchedule(), config.maxQueueAge(), this::storeBounce, Math.max(1000, Math.min(config.maxMessages(), 100_000)),
        memory);
    if (relay != null) {
      clock.onAdvance(relay::wake);
    }
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
      if (config.network() != null) {
        if (!listeners.containsKey(Listener.SMTP)) {
          throw new IllegalStateException("a server in a SimulatedNetwork needs its SMTP listener");
        }
        config.network().join(config.hostname(), host(), listeners.get(Listener.SMTP).port());
        joined = true;
      }
    } catch (IOException | RuntimeException e) {
      listeners.values().forEach(s -> s.stop(Duration.ZERO));
      if (dnsServer != null) {
        dnsServer.close();
      }
      if (relay != null) {
        relay.close();
      }
      throw e;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("fakemail started: {}", listeners.values().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
  }

  /** A server with every default: SMTP, submission, SMTPS, POP3, POP3S, IMAP and IMAPS on free ports of 127.0.0.1. */
  public static FakeMailServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  private ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException {
    if (relay == null) {
      return store(enforced(ReceivedMessage.owning(store.nextId(), Instant.now(), envelope, session, content,
          verifier::verify)));
    }
    List<Envelope.Recipient> local = new ArrayList<>();
    List<Envelope.Recipient> remote = new ArrayList<>();
    for (Envelope.Recipient r : envelope.recipients()) {
      (config.isLocal(r.address()) ? local : remote).add(r);
    }
    String id = store.nextId();
    ReceivedMessage m = enforced(ReceivedMessage.owning(id, Instant.now(),
        remote.isEmpty() ? envelope : new Envelope(envelope.from(), envelope.fromParameters(), local), session, content,
        verifier::verify));
    if (!remote.isEmpty() && !relay.hasRoomFor(remote.size())) {
      LOG.info("message refused: the relay queue is full");
      throw new SmtpException(SmtpReply.STORAGE_FULL);
    }
    Envelope remoteEnvelope = new Envelope(envelope.from(), envelope.fromParameters(), remote);
    byte[] relayed = remote.isEmpty() || signer == null ? content : signer.sign(content);
    long relayCost = remote.isEmpty() ? 0 : RelayQueue.cost(remoteEnvelope, relayed.length);
    if (!memory.tryCharge(relayCost)) {
      LOG.info("message refused: the memory budget has no room to queue it for relay");
      throw new SmtpException(SmtpReply.STORAGE_FULL);
    }
    if (!local.isEmpty()) {
      try {
        store(m); // stored before the 250, as always
      } catch (SmtpException e) {
        memory.release(relayCost);
        throw e;
      }
    }
    if (!remote.isEmpty()) {
      relay.submit(id, remoteEnvelope, session, relayed);
    }
    return m;
  }

  /**
   * With enforcement on, the verdict before the reply: an SPF {@code fail} ({@code --enforce spf})
   * or a DMARC failure under {@code p=reject} ({@code --enforce dmarc}) refuses the message; one
   * under {@code p=quarantine} goes on to the Junk folders (see {@link Mailboxes}).
   */
  private ReceivedMessage enforced(ReceivedMessage m) throws SmtpException {
    if (config.enforce().isEmpty()) {
      return m; // judged on first read
    }
    Authentication a = m.authentication();
    if (config.enforce().contains("spf") && a.spf().result() == Authentication.Result.FAIL) {
      LOG.info("message refused: SPF fail for <{}> from {}", m.envelope().from(), m.session().clientAddress());
      throw new SmtpException(SmtpReply.of(550, "5.7.23", "SPF validation failed: " + a.spf().reason()));
    }
    if (config.enforce().contains("dmarc") && a.dmarc().result() == Authentication.Result.FAIL
        && a.dmarc().property("policy.dmarc").equals("reject")) {
      LOG.info("message refused: DMARC policy of {} is reject", a.dmarc().property("header.from"));
      throw new SmtpException(SmtpReply.of(550, "5.7.1", "Rejected by the DMARC policy of "
          + a.dmarc().property("header.from") + " (" + a.dmarc().reason() + ")"));
    }
    return m;
  }

  /** Whether a message goes to Junk rather than INBOX: a DMARC failure under p=quarantine, when DMARC is enforced. */
  private boolean quarantined(ReceivedMessage m) {
    if (!config.enforce().contains("dmarc")) {
      return false;
    }
    Authentication.Check d = m.authentication().dmarc();
    return d.result() == Authentication.Result.FAIL && d.property("policy.dmarc").equals("quarantine");
  }

  private ReceivedMessage store(ReceivedMessage m) throws SmtpException {
    try {
      store.add(m);
    } catch (StoreFullException e) {
      LOG.info("message refused: {}", e.getMessage());
      throw new SmtpException(SmtpReply.STORAGE_FULL);
    }
    return m;
  }

  /**
   * A DSN, from the null sender, goes to the sender's mailbox here; when the sender's domain is
   * not local, it is relayed back there like any other message.
   */
  private void storeBounce(String sender, byte[] dsn) {
    SessionInfo self = new SessionInfo("relay", Listener.SMTP, host(), config.hostname(), "", "", "");
    if (relay != null && !config.isLocal(sender)) {
      Envelope to = Envelope.of("", List.of(sender));
      if (!memory.tryCharge(RelayQueue.cost(to, dsn.length))) {
        LOG.warn("bounce to <{}> dropped: the memory budget is full", sender);
        return;
      }
      relay.submit(store.nextId(), to, self, dsn);
      return;
    }
    try {
      store.add(ReceivedMessage.owning(store.nextId(), Instant.now(), Envelope.of("", List.of(sender)), self, dsn,
          verifier::verify));
    } catch (StoreFullException e) {
      LOG.warn("bounce to <{}> dropped: {}", sender, e.getMessage());
    }
  }

  // ---- ports and addresses ----

  /** The port a listener is bound to. */
  public int port(Listener listener) {
    SocketListener s = listeners.get(listener);
    if (s == null) {
      throw new IllegalStateException(listener.id() + " was not started; enable it with builder().listeners(...)");
    }
    return s.port();
  }

  public int smtpPort() {
    return port(Listener.SMTP);
  }

  public int submissionPort() {
    return port(Listener.SUBMISSION);
  }

  public int smtpsPort() {
    return port(Listener.SMTPS);
  }

  public int pop3Port() {
    return port(Listener.POP3);
  }

  public int pop3sPort() {
    return port(Listener.POP3S);
  }

  public int imapPort() {
    return port(Listener.IMAP);
  }

  public int imapsPort() {
    return port(Listener.IMAPS);
  }

  /** The listeners started, in a fixed order, with their ports. */
  public Map<Listener, Integer> ports() {
    Map<Listener, Integer> m = new EnumMap<>(Listener.class);
    listeners.forEach((l, s) -> m.put(l, s.port()));
    return Collections.unmodifiableMap(m);
  }

  /** The host to connect to: the bound address, or 127.0.0.1 when bound to every interface. */
  public String host() {
    InetAddress a = config.bindAddress();
    return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
  }

  /**
   * The port of the simulated DNS (UDP and TCP).
   *
   * @throws IllegalStateException when the server was started without {@code dnsPort(...)}
   */
  public int dnsPort() {
    if (dnsServer == null) {
      throw new IllegalStateException("the DNS listener was not started; enable it with builder().dnsPort(0)");
    }
    return dnsServer.port();
  }

  public FakeMailConfig config() {
    return config;
  }

  /** What a client needs to trust this server's certificate. */
  public ServerTls tls() {
    return new ServerTls(tls);
  }

  // ---- simulated DNS, relay, delivery log ----

  /** The simulated DNS: where relayed mail goes, and what the DNS port answers. */
  public SimulatedDns dns() {
    return dns;
  }

  /** The clock relay retries follow; {@code clock().advance(Duration.ofMinutes(5))} runs retries now due. */
  public SimulatedClock clock() {
    return clock;
  }

  /** Every relay attempt (delivered, deferred, bounced), oldest first; the last 10,000 are kept. */
  public List<DeliveryAttempt> deliveries() {
    return deliveries.snapshot();
  }

  /** Calls {@code onDelivery} for each relay attempt from now on, on the relay thread. */
  public AutoCloseable onDelivery(Consumer<DeliveryAttempt> onDelivery) {
    return deliveries.addListener(onDelivery);
  }

  /**
   * Waits for a relay attempt matching the condition (one already made counts).
   *
   * @throws AssertionError after the timeout, listing the attempts made
   */
  public DeliveryAttempt awaitDelivery(Predicate<DeliveryAttempt> condition, Duration timeout) {
    try {
      return deliveries.await(condition, timeout).orElseThrow(() -> new AssertionError(
          "no matching delivery attempt within " + timeout + "; attempts: " + deliveries.describe()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a delivery attempt", e);
    }
  }

  /** Messages waiting in the relay queue (for a first attempt or a retry). */
  public int queuedRelays() {
    return relay == null ? 0 : relay.size();
  }

  // ---- inspection ----

  @Override
  public List<ReceivedMessage> messages(MessageFilter filter) {
    return store.find(filter);
  }

  @Override
  public Optional<ReceivedMessage> message(String id) {
    return store.get(id);
  }

  @Override
  public List<ReceivedMessage> awaitMessages(MessageFilter filter, int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    List<ReceivedMessage> found;
    try {
      found = store.await(filter, count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + filter, e);
    }
    if (found.size() >= count) {
      return found;
    }
    throw new AssertionError(AwaitFailure.describe(filter, count, timeout, found, store.find(MessageFilter.any())));
  }

  /**
   * Asserts that no message matching the filter arrives within the duration (and none is there now).
   *
   * @throws AssertionError naming the message that arrived
   */
  public void assertNoMessages(MessageFilter filter, Duration within) {
    List<ReceivedMessage> found;
    try {
      found = store.await(filter, 1, within);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (!found.isEmpty()) {
      throw new AssertionError("expected no message matching " + filter + " but got " + found.size() + ": "
          + found.stream().map(ReceivedMessage::summary).collect(Collectors.joining("; ")));
    }
  }

  @Override
  public void purge() {
    store.clear();
  }

  @Override
  public boolean delete(String id) {
    return store.remove(id);
  }

  /** The fault rules: make a chosen stage of the next deliveries fail. */
  public Faults faults() {
    return new Faults(faults);
  }

  /**
   * Clears messages, mailboxes, sessions, fault rules, the relay queue and the delivery log; users and DNS
   * records go back to the configuration the server started with.
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
    dns.reset();
    deliveries.clear();
  }

  /**
   * The recent SMTP, POP3 and IMAP sessions with their transcripts (credentials masked, message data
   * given by size), oldest first (at most the last 1000).
   */
  public List<SessionRecord> sessions() {
    return sessions.snapshot();
  }

  /** Calls {@code onMessage} for each message stored from now on, on the thread that stored it. */
  public AutoCloseable onMessage(Consumer<ReceivedMessage> onMessage) {
    StoreListener l = new StoreListener() {
      @Override
      public void added(ReceivedMessage message) {
        onMessage.accept(message);
      }
    };
    onMessageCallbacks.incrementAndGet();
    store.addListener(l);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        store.removeListener(l);
        onMessageCallbacks.decrementAndGet();
      }
    };
  }

  /** Internal machinery for the other fakemail modules; not an API. */
  public Internals internals() {
    return new Internals();
  }

  /** Access for fakemail's own modules (HTTP inspector, protocols); may change without notice. */
  public final class Internals {
    private Internals() {}

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
      return FakeMailServer.this.deliver(envelope, session, content);
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

    public SessionLog sessionLog() {
      return sessions;
    }

    public FaultEngine faultEngine() {
      return faults;
    }

    public DeliveryLog deliveryLog() {
      return deliveries;
    }

    public int openConnections() {
      return listeners.values().stream().mapToInt(SocketListener::openConnections).sum();
    }

    /**
     * The listeners whose event loop has died (not by {@link #close()}): they accept nothing any
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
  }

  public boolean isRunning() {
    return !closed;
  }

  /** Stops every listener: no new connections; sessions in the middle of a transfer get a short grace. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (joined) {
      config.network().leave(config.hostname());
    }
    if (relay != null) {
      relay.close();
    }
    if (dnsServer != null) {
      dnsServer.close();
    }
    List<Thread> stops = new ArrayList<>();
    for (SocketListener s : listeners.values()) {
      Thread t = new Thread(() -> s.stop(config.stopGrace()), "fakemail-stop-" + s.listener().id());
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

  @Override
  public String toString() {
    return "FakeMailServer" + ports();
  }

  /** Configures and starts a {@link FakeMailServer}. */
  public static final class Builder extends FakeMailConfig.AbstractBuilder<Builder> {
    Builder() {}

    /** Binds every listener and returns the running server. */
    public FakeMailServer start() {
      FakeMailConfig c = build();
      try {
        return new FakeMailServer(c);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }
}
