package dev.fakemail.core.internal.smtp;

import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.net.Cidr;
import dev.fakemail.core.internal.store.MemoryAccount;
import java.util.List;
import java.util.function.Predicate;

/**
 * Settings of the SMTP listeners.
 *
 * @param hostname the name in the greeting and EHLO reply
 * @param maxMessageSize octets; declared SIZE and actual size above it get 552
 * @param maxRecipients per message; the next RCPT gets 452
 * @param maxErrors error replies in one session before 421 and close
 * @param authRequired whether the submission and SMTPS listeners require AUTH before MAIL
 * @param senderCheck whether, in strict mode, an authenticated client on submission or SMTPS may only
 *     send as its own address or one of its aliases
 * @param relayNetworks client addresses that may relay without AUTH in strict mode (Postfix's mynetworks)
 * @param account the memory budget that messages being received are charged to
 * @param recipientRoom whether a recipient the accounts accept has (or may get) a mailbox now; when
 *     not, RCPT gets {@code 452 4.3.1}
 */
public record SmtpConfig(String hostname, long maxMessageSize, int maxRecipients, int maxErrors,
                         boolean authRequired, Accounts accounts, boolean senderCheck, List<Cidr> relayNetworks,
                         MemoryAccount account, Predicate<String> recipientRoom) {
  public SmtpConfig {
    relayNetworks = List.copyOf(relayNetworks);
  }

  public SmtpConfig(String hostname, long maxMessageSize, int maxRecipients, int maxErrors, boolean authRequired,
                    Accounts accounts, boolean senderCheck, List<Cidr> relayNetworks) {
    this(hostname, maxMessageSize, maxRecipients, maxErrors, authRequired, accounts, senderCheck, relayNetworks,
        MemoryAccount.unlimited(), address -> true);
  }

  public SmtpConfig(String hostname, long maxMessageSize, int maxRecipients, int maxErrors, boolean authRequired,
                    Accounts accounts) {
    this(hostname, maxMessageSize, maxRecipients, maxErrors, authRequired, accounts, true);
  }

  public SmtpConfig(String hostname, long maxMessageSize, int maxRecipients, int maxErrors, boolean authRequired,
                    Accounts accounts, boolean senderCheck) {
    this(hostname, maxMessageSize, maxRecipients, maxErrors, authRequired, accounts, senderCheck, List.of());
  }

  /** RFC 5321 §4.5.3.1.4 allows 512; extensions (SMTPUTF8, DSN parameters) need more. */
  public static final int MAX_COMMAND_LINE = 2048;
  /** RFC 4954 §4: AUTH lines may be up to 12288 octets. */
  public static final int MAX_AUTH_LINE = 12288;

  /** Whether a client at this address may relay without AUTH (it is in a relay network). */
  public boolean inRelayNetwork(String clientAddress) {
    return relayNetworks.stream().anyMatch(n -> n.contains(clientAddress));
  }

  public boolean authRequiredOn(Listener listener) {
    return authRequired && listener != Listener.SMTP;
  }
}
