package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.StoreListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's mailbox, fed by the message store: each stored message goes into the INBOX of each
 * envelope recipient (as its delivery view), and leaves every folder when it leaves the store.
 */
public final class Mailboxes implements StoreListener {
  private final String hostname;
  private final Map<String, Mailbox> byAddress = new ConcurrentHashMap<>();

  public Mailboxes(String hostname) {
    this.hostname = hostname;
  }

  /** The mailbox of this address (any case), made empty on first use. */
  public Mailbox mailbox(String address) {
    return byAddress.computeIfAbsent(key(address), k -> new Mailbox(address));
  }

  public Optional<Mailbox> existing(String address) {
    return Optional.ofNullable(byAddress.get(key(address)));
  }

  /** Every mailbox made so far. */
  public List<Mailbox> all() {
    return new ArrayList<>(byAddress.values());
  }

  @Override
  public void added(ReceivedMessage message) {
    Set<String> done = new java.util.HashSet<>();
    for (String rcpt : message.envelope().to()) {
      if (done.add(key(rcpt))) {
        mailbox(rcpt).inbox().add(MailContent.delivered(message, rcpt, hostname), Set.of());
      }
    }
  }

  @Override
  public void removed(ReceivedMessage message) {
    for (String rcpt : message.envelope().to()) {
      Mailbox m = byAddress.get(key(rcpt));
      if (m != null) {
        for (Folder f : m.folders()) {
          f.removeStored(message.id());
        }
      }
    }
  }

  @Override
  public void cleared() {
    for (Mailbox m : byAddress.values()) {
      m.clearAll();
    }
  }

  /** Forgets every mailbox (folders, subscriptions): back to the state of a new server. */
  public void reset() {
    cleared();
    byAddress.clear();
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
