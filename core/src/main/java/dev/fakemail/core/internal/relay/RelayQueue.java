package dev.fakemail.core.internal.relay;

import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DeliveryAttempt.Outcome;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.RelayHost;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.store.MemoryAccount;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing queue: one job per message and destination domain, attempted by one worker thread
 * as soon as it is queued, then retried on the schedule while the far end answers 4xx, until the
 * maximum age, when it bounces. The worker waits on a condition until the next job is due on the
 * {@link Clock} (real time plus the simulated offset); {@link #wake()} makes it look again at once.
 */
public final class RelayQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RelayQueue.class);
  /** More {@code Received:} fields than this is a mail loop (RFC 5321 §6.3); Postfix allows 50. */
  static final int MAX_HOPS = 30;

  /** Where DSNs go: the sender's local mailbox. */
  @FunctionalInterface
  public interface Bouncer {
    void bounce(String sender, byte[] dsn);
  }

  private final String hostname;
  private final Clock clock;
  private final Router router;
  private final SmtpRelayClient client;
  private final DeliveryLog log;
  private final List<Duration> schedule;
  private final Duration maxAge;
  private final Bouncer bouncer;
  private final int maxJobs;
  private final MemoryAccount account;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Job> pending = new ArrayList<>();
  private final ExecutorService worker;
  private long generation;
  private Job current;
  private volatile boolean closed;

  public RelayQueue(String hostname, Clock clock, Router router, SmtpRelayClient client, DeliveryLog log,
                    List<Duration> schedule, Duration maxAge, Bouncer bouncer, int maxJobs) {
    this(hostname, clock, router, client, log, schedule, maxAge, bouncer, maxJobs, MemoryAccount.unlimited());
  }

  /**
   * A queue whose jobs are charged to {@code account}: the caller charges {@link #cost} before
   * {@link #submit}, and the queue releases each job's share when the job is done or dropped.
   */
  public RelayQueue(String hostname, Clock clock, Router router, SmtpRelayClient client, DeliveryLog log,
                    List<Duration> schedule, Duration maxAge, Bouncer bouncer, int maxJobs, MemoryAccount account) {
    this.account = account;
    this.hostname = hostname;
    this.clock = clock;
    this.router = router;
    this.client = client;
    this.log = log;
    this.schedule = List.copyOf(schedule);
    this.maxAge = maxAge;
    this.bouncer = bouncer;
    this.maxJobs = maxJobs;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fakemail-relay-" + hostname);
      t.setDaemon(true);
      return t;
    });
    worker.execute(this::loop);
  }

  private static final class Job {
    final String id;
    final String sender;
    final Map<String, String> fromParameters;
    final String domain;
    final byte[] content;
    final Instant arrival;
    final long generation;
    final long logEpoch;
    final long charge;
    List<Envelope.Recipient> recipients;
    Instant due;
    int attempts;

    Job(String id, String sender, Map<String, String> fromParameters, String domain, List<Envelope.Recipient> recipients,
        byte[] content, Instant arrival, long generation, long logEpoch, long charge) {
      this.charge = charge;
      this.id = id;
      this.sender = sender;
      this.fromParameters = fromParameters;
      this.domain = domain;
      this.recipients = recipients;
      this.content = content;
      this.arrival = arrival;
      this.due = arrival;
      this.generation = generation;
      this.logEpoch = logEpoch;
    }
  }

  /** Whether the queue can take a message for this many more domains. */
  public boolean hasRoomFor(int jobs) {
    lock.lock();
    try {
      return pending.size() + jobs <= maxJobs;
    } finally {
      lock.unlock();
    }
  }

  /** Room for the trace header the queue puts in front of a relayed message. */
  private static final int TRACE_ALLOWANCE = 1024;

  /**
   * What queueing this message costs in the memory account: per domain (one job each), its octets
   * with a trace header and the job's overhead. The caller charges it before {@link #submit}.
   */
  public static long cost(Envelope remote, int octets) {
    return domains(remote) * jobCost(octets);
  }

  private static long jobCost(int octets) {
    return (long) octets + TRACE_ALLOWANCE + MemoryAccount.RELAY_JOB_OVERHEAD;
  }

  private static long domains(Envelope remote) {
    return remote.recipients().stream().map(r -> domain(r.address())).distinct().count();
  }

  /**
   * Queues a message for its remote recipients (grouped by domain) and wakes the worker. The caller
   * has charged {@link #cost} of it to the memory account; the queue releases it job by job.
   */
  public void submit(String id, Envelope remote, SessionInfo session, byte[] content) {
    Instant now = clock.instant();
    byte[] traced = withReceived(id, remote, session, content, now);
    Map<String, List<Envelope.Recipient>> byDomain = new LinkedHashMap<>();
    for (Envelope.Recipient r : remote.recipients()) {
      byDomain.computeIfAbsent(domain(r.address()), k -> new ArrayList<>()).add(r);
    }
    long logEpoch = log.epoch();
    lock.lock();
    try {
      for (Map.Entry<String, List<Envelope.Recipient>> e : byDomain.entrySet()) {
        pending.add(new Job(id, remote.from(), remote.fromParameters(), e.getKey(), e.getValue(), traced, now, generation,
            logEpoch, jobCost(content.length)));
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Looks at the queue again now (the clock moved). */
  public void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every queued message; an attempt in progress finishes but is not retried. */
  public void clear() {
    lock.lock();
    try {
      pending.forEach(j -> account.release(j.charge));
      pending.clear();
      generation++;
    } finally {
      lock.unlock();
    }
  }

  /** Messages (per domain) waiting for an attempt or a retry, and those being attempted. */
  public int size() {
    lock.lock();
    try {
      return pending.size() + (current != null && current.generation == generation ? 1 : 0);
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (!closed) {
      Job job;
      lock.lock();
      try {
        job = nextDue();
        if (job == null) {
          continue;
        }
        pending.remove(job);
        current = job;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      List<DeliveryAttempt> attempts = List.of();
      try {
        attempts = attempt(job);
      } catch (RuntimeException e) {
        LOG.warn("relay of {} to {} failed unexpectedly; will retry", job.id, job.domain, e);
        reschedule(job);
      } finally {
        lock.lock();
        try {
          current = null;
        } finally {
          lock.unlock();
        }
      }
      // logged once the queue is settled (retry scheduled, DSN stored): whoever waits on the log sees a consistent state
      attempts.forEach(a -> log.add(a, job.logEpoch));
    }
  }

  /** Waits (holding the lock) until a job is due; null when woken without one. */
  private Job nextDue() throws InterruptedException {
    Instant now = clock.instant();
    Job first = pending.stream().min(Comparator.comparing((Job j) -> j.due)).orElse(null);
    if (first == null) {
      changed.await();
      return null;
    }
    if (!first.due.isAfter(now)) {
      return first;
    }
    changed.await(Duration.between(now, first.due).toNanos(), TimeUnit.NANOSECONDS);
    return null;
  }

  /** One attempt at a job; returns what to log. */
  private List<DeliveryAttempt> attempt(Job job) {
    List<DeliveryAttempt> out = new ArrayList<>();
    job.attempts++;
    int hops = receivedCount(job.content);
    Router.Route route = hops > MAX_HOPS
        ? new Router.Route(List.of(), RemoteReply.of(554, "5.4.6", "Too many hops (" + hops + " Received fields): a mail loop"))
        : router.route(job.domain);
    if (!route.exists()) {
      List<Dsn.Failure> failures = new ArrayList<>();
      for (Envelope.Recipient r : job.recipients) {
        out.add(record(job, r.address(), "", route.noRoute(), Outcome.BOUNCED));
        failures.add(failure(r, "", route.noRoute()));
      }
      bounce(job, failures);
      account.release(job.charge);
      return out;
    }
    List<String> addresses = job.recipients.stream().map(Envelope.Recipient::address).toList();
    SmtpRelayClient.Result result = null;
    RelayHost used = null;
    for (RelayHost h : route.hosts()) {
      used = h;
      result = client.send(h, job.sender, job.fromParameters, addresses, job.content);
      if (result.hostFailure() == null) {
        break;
      }
      LOG.debug("relay {} to {}: host {} failed: {}", job.id, job.domain, h.name(), result.hostFailure());
    }
    Instant now = clock.instant();
    boolean expired = !now.isBefore(job.arrival.plus(maxAge));
    List<Dsn.Failure> failures = new ArrayList<>();
    List<Envelope.Recipient> deferred = new ArrayList<>();
    for (Envelope.Recipient r : job.recipients) {
      RemoteReply reply = result.hostFailure() != null ? result.hostFailure()
          : result.perRecipient().getOrDefault(r.address(), RemoteReply.of(451, "4.3.0", "No reply for this recipient"));
      if (reply.positive()) {
        out.add(record(job, r.address(), used.name(), reply, Outcome.DELIVERED));
      } else if (reply.permanent()) {
        out.add(record(job, r.address(), used.name(), reply, Outcome.BOUNCED));
        failures.add(failure(r, used.name(), reply));
      } else if (expired) {
        RemoteReply gaveUp = new RemoteReply(reply.code(), reply.text() + " (gave up after " + maxAge + ")");
        out.add(record(job, r.address(), used.name(), gaveUp, Outcome.BOUNCED));
        failures.add(failure(r, used.name(), gaveUp));
      } else {
        out.add(record(job, r.address(), used.name(), reply, Outcome.DEFERRED));
        deferred.add(r);
      }
    }
    bounce(job, failures);
    if (!deferred.isEmpty()) {
      job.recipients = deferred;
      reschedule(job);
    } else {
      account.release(job.charge);
    }
    return out;
  }

  private void reschedule(Job job) {
    Duration delay = schedule.get(Math.min(Math.max(job.attempts, 1) - 1, schedule.size() - 1));
    Instant next = clock.instant().plus(delay);
    Instant deadline = job.arrival.plus(maxAge);
    job.due = next.isAfter(deadline) ? deadline : next;
    lock.lock();
    try {
      if (job.generation == generation && !closed) {
        pending.add(job);
        changed.signalAll();
      } else {
        account.release(job.charge);
      }
    } finally {
      lock.unlock();
    }
  }

  private DeliveryAttempt record(Job job, String recipient, String host, RemoteReply reply, Outcome outcome) {
    return (new DeliveryAttempt(clock.instant(), job.id, job.sender, recipient, host, reply.text(), outcome, job.attempts));
  }

  private static Dsn.Failure failure(Envelope.Recipient r, String host, RemoteReply reply) {
    return new Dsn.Failure(r.address(), r.parameters().getOrDefault("ORCPT", ""), host, reply);
  }

  private void bounce(Job job, List<Dsn.Failure> failures) {
    List<Dsn.Failure> notify = failures.stream().filter(f -> wantsFailureNotice(job, f.recipient())).toList();
    if (notify.isEmpty()) {
      return;
    }
    if (job.sender.isEmpty()) {
      LOG.info("relay {}: not bouncing a message from the null sender <> ({} failed)", job.id, notify.size());
      return;
    }
    boolean full = "FULL".equalsIgnoreCase(job.fromParameters.getOrDefault("RET", ""));
    byte[] dsn = Dsn.build(hostname, job.id, job.sender, job.arrival, clock.instant(), notify, job.content, full);
    try {
      bouncer.bounce(job.sender, dsn);
    } catch (RuntimeException e) {
      LOG.warn("relay {}: the bounce to <{}> could not be stored: {}", job.id, job.sender, e.toString());
    }
  }

  private static boolean wantsFailureNotice(Job job, String recipient) {
    for (Envelope.Recipient r : job.recipients) {
      if (r.address().equals(recipient)) {
        String notify = r.parameters().get("NOTIFY");
        return notify == null || notify.toUpperCase(Locale.ROOT).contains("FAILURE");
      }
    }
    return true;
  }

  /** The message with a {@code Received:} trace field (RFC 5321 §4.4) before the original bytes. */
  byte[] withReceived(String id, Envelope env, SessionInfo s, byte[] content, Instant now) {
    String with = "ESMTP" + (s.tls() ? "S" : "") + (s.authUser().isEmpty() ? "" : "A");
    StringBuilder h = new StringBuilder(256);
    h.append("Received: from ").append(s.helo().isEmpty() ? "unknown" : s.helo())
        .append(" ([").append(s.clientAddress()).append("])\r\n\tby ").append(hostname).append(" (fakemail) with ")
        .append(with).append(" id ").append(id);
    if (env.recipients().size() == 1) {
      h.append("\r\n\tfor <").append(env.recipients().get(0).address()).append('>');
    }
    h.append(";\r\n\t").append(Dsn.date(now)).append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(h.length() + content.length);
    out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** The {@code Received:} fields in the header section. */
  static int receivedCount(byte[] message) {
    int n = 0;
    boolean lineStart = true;
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (lineStart) {
        if (b == '\r' || b == '\n') {
          return n; // the empty line: end of the header section
        }
        if ((b == 'R' || b == 'r') && i + 9 <= message.length
            && new String(message, i, 9, StandardCharsets.US_ASCII).equalsIgnoreCase("received:")) {
          n++;
        }
      }
      lineStart = b == '\n';
    }
    return n;
  }

  static String domain(String address) {
    int at = address.lastIndexOf('@');
    return (at < 0 ? "" : address.substring(at + 1)).toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
