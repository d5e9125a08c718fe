package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.mailbox.Mailboxes;

/**
 * What an IMAP server needs: its name, users, mailboxes, the largest literal it accepts (larger ones
 * are refused before a byte of them is read) and an error limit.
 */
public record ImapConfig(String hostname, Accounts accounts, Mailboxes mailboxes, long maxLiteral, int maxErrors,
                         FaultEngine faults) {
  public ImapConfig(String hostname, Accounts accounts, Mailboxes mailboxes, long maxLiteral, int maxErrors) {
    this(hostname, accounts, mailboxes, maxLiteral, maxErrors, new FaultEngine(java.time.Instant::now));
  }

  static final int MAX_LINE = 64 * 1024;
  /** Literals before login carry only credentials. */
  static final long MAX_LITERAL_BEFORE_LOGIN = 64 * 1024;
}
