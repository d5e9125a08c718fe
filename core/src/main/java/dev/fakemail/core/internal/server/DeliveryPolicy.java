package dev.fakemail.core.internal.server;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.Envelope;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.Listener;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.authres.DkimSigning;
import dev.fakemail.core.internal.authres.SenderVerifier;
import dev.fakemail.core.internal.relay.RelayQueue;
import dev.fakemail.core.internal.smtp.Delivery;
import dev.fakemail.core.internal.smtp.SmtpException;
import dev.fakemail.core.internal.smtp.SmtpReply;
import dev.fakemail.core.internal.store.MemoryAccount;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.StoreFullException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API: where an accepted message goes. Local recipients' copy is stored (before the reply that
 * accepts it), remote recipients' is queued for relay, DKIM-signed when the server signs; with
 * enforcement on, the sender authentication verdict may refuse it first. Bounces (DSNs) go to the
 * sender's local mailbox, or are relayed back when the sender is not local. SMTP's end of data and
 * the provider HTTP APIs both deliver through {@link #deliver}.
 */
public final class DeliveryPolicy implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryPolicy.class);

  private final FakeMailConfig config;
  private final String host;
  private final MessageStore store;
  private final MemoryAccount memory;
  private final SenderVerifier verifier;
  private final DkimSigning signer;
  private final RelayQueue relay;
  private final MessageFactory messages;
  private final IntSupplier userCallbacks;

  /**
   * @param host the address the server is reached at (the bounce's session names it)
   * @param signer the DKIM signer of relayed mail, or null
   * @param relay the relay queue, or null when every domain is local
   * @param userCallbacks how many user callbacks run when a message is stored
   */
  public DeliveryPolicy(FakeMailConfig config, String host, MessageStore store, MemoryAccount memory,
                        SenderVerifier verifier, DkimSigning signer, RelayQueue relay, MessageFactory messages,
                        IntSupplier userCallbacks) {
    this.config = config;
    this.host = host;
    this.store = store;
    this.memory = memory;
    this.verifier = verifier;
    this.signer = signer;
    this.relay = relay;
    this.messages = messages;
    this.userCallbacks = userCallbacks;
  }

  /**
   * Delivers a message as SMTP does after the end of DATA: stored, charged to the memory account,
   * queued for relay when a recipient is remote. The content array is handed over.
   *
   * @throws SmtpException when it is refused (store or relay queue full, enforced policy)
   */
  @Override
  public ReceivedMessage deliver(Envelope envelope, SessionInfo session, byte[] content) throws SmtpException {
    if (relay == null) {
      return store(enforced(messages.owning(store.nextId(), Instant.now(), envelope, session, content,
          verifier::verify)));
    }
    List<Envelope.Recipient> local = new ArrayList<>();
    List<Envelope.Recipient> remote = new ArrayList<>();
    for (Envelope.Recipient r : envelope.recipients()) {
      (config.isLocal(r.address()) ? local : remote).add(r);
    }
    String id = store.nextId();
    ReceivedMessage m = enforced(messages.owning(id, Instant.now(),
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

  @Override
  public boolean mayBlock() {
    // user code; or enforcement, whose verdict (up to 0.16 ms of CPU per RSA signature, AuthenticationBenchmark) would hold up the
    // event loop's other sessions; storing and queueing for relay never wait
    return userCallbacks.getAsInt() > 0 || !config.enforce().isEmpty();
  }

  /**
   * With enforcement on, the verdict before the reply: an SPF {@code fail} ({@code --enforce spf})
   * or a DMARC failure under {@code p=reject} ({@code --enforce dmarc}) refuses the message; one
   * under {@code p=quarantine} goes on to the Junk folders (see {@link #quarantined}).
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
  boolean quarantined(ReceivedMessage m) {
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
  void bounce(String sender, byte[] dsn) {
    SessionInfo self = new SessionInfo("relay", Listener.SMTP, host, config.hostname(), "", "", "");
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
      store.add(messages.owning(store.nextId(), Instant.now(), Envelope.of("", List.of(sender)), self, dsn,
          verifier::verify));
    } catch (StoreFullException e) {
      LOG.warn("bounce to <{}> dropped: {}", sender, e.getMessage());
    }
  }
}
