package dev.fakemail.core;

import dev.fakemail.core.internal.AwaitFailure;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.relay.DeliveryLog;
import dev.fakemail.core.internal.server.ServerAssembly;
import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.SessionLog;
import dev.fakemail.core.internal.store.StoreListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A fake mail server: real SMTP (and POP3, IMAP) listeners on real sockets, every message kept in
 * memory. Start one with {@link #start()}, {@link #start(FakeMailConfig)} or {@link #builder()}, read the ports back, send mail to
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
  static {
    ServerInternals.grant(server -> server.parts);
  }

  private final FakeMailConfig config;
  /** Every part and its wiring; this class is the public facade over it. */
  private final ServerAssembly parts;
  private final SimulatedClock clock = new SimulatedClock();
  private final AtomicInteger onMessageCallbacks = new AtomicInteger();
  private final SimulatedDns dns;
  private final MessageStore store;
  private final SessionLog sessions;
  private final FaultEngine faults;
  private final DeliveryLog deliveries;
  private boolean joined;
  private volatile boolean closed;

  private FakeMailServer(FakeMailConfig config) throws IOException {
    this.config = config;
    this.parts = new ServerAssembly(config, clock, onMessageCallbacks::get, ReceivedMessage::owning);
    this.dns = new SimulatedDns(parts.zones());
    this.store = parts.store();
    this.sessions = parts.sessionLog();
    this.faults = parts.faultEngine();
    this.deliveries = parts.deliveryLog();
    clock.onAdvance(parts::clockAdvanced);
    if (config.network() != null) {
      try {
        if (!config.ports().containsKey(Listener.SMTP)) {
          throw new IllegalStateException("a server in a SimulatedNetwork needs its SMTP listener");
        }
        config.network().join(config.hostname(), host(), parts.port(Listener.SMTP));
        joined = true;
      } catch (RuntimeException e) {
        parts.stop(Duration.ZERO);
        throw e;
      }
    }
  }

  /** A server with every default: SMTP, submission, SMTPS, POP3, POP3S, IMAP and IMAPS on free ports of 127.0.0.1. */
  public static FakeMailServer start() {
    return start(FakeMailConfig.builder().build());
  }

  /**
   * A server with this configuration, its listeners bound.
   *
   * @throws UncheckedIOException when a listener cannot bind (a fixed port in use)
   * @throws IllegalStateException when its {@link FakeMailConfig#network() network} has a server of that host name
   */
  public static FakeMailServer start(FakeMailConfig config) {
    Objects.requireNonNull(config, "config");
    try {
      return new FakeMailServer(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /**
   * {@link FakeMailConfig#builder()}, whose {@link FakeMailConfig.Builder#start() start()} starts the
   * server: {@code FakeMailServer.builder().user("alice@corp.test", "secret").start()}.
   */
  public static FakeMailConfig.Builder builder() {
    return FakeMailConfig.builder();
  }

  // ---- ports and addresses ----

  /** The port a listener is bound to. */
  public int port(Listener listener) {
    int port = parts.port(listener);
    if (port < 0) {
      throw new IllegalStateException(listener.id() + " was not started; enable it with builder().listeners(...)");
    }
    return port;
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
    return parts.ports();
  }

  /** The host to connect to: the bound address, or 127.0.0.1 when bound to every interface. */
  public String host() {
    return parts.host();
  }

  /**
   * The port of the simulated DNS (UDP and TCP).
   *
   * @throws IllegalStateException when the server was started without {@code dnsPort(...)}
   */
  public int dnsPort() {
    int port = parts.dnsPort();
    if (port < 0) {
      throw new IllegalStateException("the DNS listener was not started; enable it with builder().dnsPort(0)");
    }
    return port;
  }

  public FakeMailConfig config() {
    return config;
  }

  /** What a client needs to trust this server's certificate. */
  public ServerTls tls() {
    return new ServerTls(parts.tls());
  }

  // ---- simulated DNS, relay, delivery log ----

  /** The simulated DNS: where relayed mail goes, and what the DNS port answers. */
  @Override
  public SimulatedDns dns() {
    return dns;
  }

  /** The clock relay retries follow; {@code clock().advance(Duration.ofMinutes(5))} runs retries now due. */
  @Override
  public SimulatedClock clock() {
    return clock;
  }

  /** Every relay attempt (delivered, deferred, bounced), oldest first; the last 10,000 are kept. */
  @Override
  public List<DeliveryAttempt> deliveries() {
    return deliveries.snapshot();
  }

  /**
   * Calls {@code onDelivery} for each relay attempt from now on, on the relay thread, until the
   * returned subscription is closed.
   */
  public Subscription onDelivery(Consumer<DeliveryAttempt> onDelivery) {
    return deliveries.addListener(onDelivery);
  }

  /**
   * Waits up to {@link MailInspector#DEFAULT_TIMEOUT} for a relay attempt matching the filter (one
   * already made counts): {@code awaitDelivery(DeliveryFilter.to("bob@far.test").and(bounced()))}.
   *
   * @throws AssertionError after the timeout, saying what was expected and listing the attempts made
   */
  public DeliveryAttempt awaitDelivery(DeliveryFilter filter) {
    return awaitDelivery(filter, DEFAULT_TIMEOUT);
  }

  /**
   * Waits up to {@code timeout} for a relay attempt matching the filter (one already made counts).
   *
   * @throws AssertionError after the timeout, saying what was expected and listing the attempts made
   */
  public DeliveryAttempt awaitDelivery(DeliveryFilter filter, Duration timeout) {
    try {
      return deliveries.await(filter::matches, timeout)
          .orElseThrow(() -> new AssertionError(filter.failure(timeout, deliveries.snapshot())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a delivery attempt matching " + filter, e);
    }
  }

  /** Messages waiting in the relay queue (for a first attempt or a retry). */
  public int queuedRelays() {
    return parts.queuedRelays();
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
  @Override
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
  @Override
  public Faults faults() {
    return new Faults(faults);
  }

  /**
   * Clears messages, mailboxes, sessions, fault rules, the relay queue and the delivery log; users and DNS
   * records go back to the configuration the server started with.
   */
  @Override
  public void reset() {
    parts.reset();
  }

  /**
   * The recent SMTP, POP3 and IMAP sessions with their transcripts (credentials masked, message data
   * given by size), oldest first (at most the last 1000).
   */
  @Override
  public List<SessionRecord> sessions() {
    return sessions.snapshot();
  }

  @Override
  public List<User> users() {
    return parts.accounts().users();
  }

  @Override
  public void addUser(User user) {
    parts.accounts().put(Objects.requireNonNull(user, "user"));
  }

  @Override
  public boolean removeUser(String address) {
    return parts.accounts().remove(Objects.requireNonNull(address, "address"));
  }

  /**
   * Calls {@code onMessage} for each message stored from now on, on the thread that stored it, until
   * the returned subscription is closed.
   */
  public Subscription onMessage(Consumer<ReceivedMessage> onMessage) {
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
    parts.stop(config.stopGrace());
  }

  @Override
  public String toString() {
    return "FakeMailServer" + ports();
  }
}
