package dev.fakemail.core.internal.mailbox;

import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.internal.store.MemoryAccount;
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
 * Bounded by a count of mailboxes and of folders per mailbox, and charged to the server's
 * {@link MemoryAccount}: {@link MemoryAccount#MAILBOX_OVERHEAD} per mailbox,
 * {@link MemoryAccount#FOLDER_OVERHEAD} per folder a client creates.
 */
public final class Mailboxes implements StoreListener {
  private final String hostname;
  private final Map<String, Mailbox> byAddress = new ConcurrentHashMap<>();
  private final MemoryAccount account;
  private final int maxMailboxes;
  private final int maxFolders;
  private volatile java.util.function.Predicate<ReceivedMessage> junk = m -> false;
  private final List<java.util.function.Consumer<String>> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Without caps (unit tests, tools). */
  public Mailboxes(String hostname) {
    this(hostname, MemoryAccount.unlimited(), Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  public Mailboxes(String hostname, MemoryAccount account, int maxMailboxes, int maxFolders) {
    this.hostname = hostname;
    this.account = account;
    this.maxMailboxes = maxMailboxes;
    this.maxFolders = maxFolders;
  }

  /**
   * The mailbox of this address (any case), made empty on first use. Made whatever the caps say:
   * what a client can refuse (RCPT, logins) goes through {@link #admit} first.
   */
  public Mailbox mailbox(String address) {
    Mailbox m = byAddress.get(key(address));
    if (m != null) {
      return m;
    }
    return byAddress.computeIfAbsent(key(address), k -> {
      account.force(MemoryAccount.MAILBOX_OVERHEAD);
      return newMailbox(address);
    });
  }

  /**
   * Makes sure this address has a mailbox: true when it has one, or one more could be made now
   * (fewer than the maximum exist and the memory budget had room for it); false, and nothing made,
   * when not. RCPT makes the mailbox here, so that a transaction's new recipients count at once.
   */
  public boolean admit(String address) {
    String k = key(address);
    if (byAddress.containsKey(k)) {
      return true;
    }
    return byAddress.computeIfAbsent(k, x -> byAddress.size() >= maxMailboxes
        || !account.tryCharge(MemoryAccount.MAILBOX_OVERHEAD) ? null : newMailbox(address)) != null;
  }

  private Mailbox newMailbox(String address) {
    return new Mailbox(address, account, maxFolders, () -> changed(address));
  }

  /**
   * Calls {@code listener} with a mailbox's address after each change to it: a message added to or
   * removed from one of its folders, a flag changed, a folder created, deleted or renamed, a
   * subscription. It runs under the folder's or mailbox's lock, on the thread that made the change:
   * it must only note the address (and, say, schedule work). Closing the result stops the calls.
   */
  public AutoCloseable onChange(java.util.function.Consumer<String> listener) {
    changeListeners.add(listener);
    return () -> changeListeners.remove(listener);
  }

  private void changed(String address) {
    for (java.util.function.Consumer<String> l : changeListeners) {
      l.accept(address);
    }
  }

  /** The memory account mailboxes, folders and their entries are charged to. */
  public MemoryAccount account() {
    return account;
  }

  /** How many mailboxes exist. */
  public int count() {
    return byAddress.size();
  }

  public Optional<Mailbox> existing(String address) {
    return Optional.ofNullable(byAddress.get(key(address)));
  }

  /** Every mailbox made so far. */
  public List<Mailbox> all() {
    return new ArrayList<>(byAddress.values());
  }

  /** Files the messages this says into each recipient's Junk folder (INBOX when the user deleted Junk). */
  public void junkWhen(java.util.function.Predicate<ReceivedMessage> junk) {
    this.junk = junk;
  }

  @Override
  public void added(ReceivedMessage message) {
    Set<String> done = new java.util.HashSet<>();
    boolean toJunk = junk.test(message);
    for (String rcpt : message.envelope().recipientAddresses()) {
      if (done.add(key(rcpt))) {
        Mailbox box = mailbox(rcpt);
        Folder f = toJunk ? box.folder("Junk").orElseGet(box::inbox) : box.inbox();
        f.add(MailContent.delivered(message, rcpt, hostname), Set.of());
      }
    }
  }

  @Override
  public void removed(ReceivedMessage message) {
    for (String rcpt : message.envelope().recipientAddresses()) {
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
    for (Mailbox m : all()) {
      if (byAddress.remove(key(m.address()), m)) {
        account.release(MemoryAccount.MAILBOX_OVERHEAD + m.releaseFolders());
        changed(m.address());
      }
    }
  }

  private static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
