package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.auth.Accounts;
import dev.fakemail.core.internal.fault.FaultEngine;
import dev.fakemail.core.internal.mailbox.Mailboxes;

/** What a POP3 server needs: its name, the users, the mailboxes, and an error limit. */
public record Pop3Config(String hostname, Accounts accounts, Mailboxes mailboxes, int maxErrors, FaultEngine faults) {
  static final int MAX_LINE = 8192;

  public Pop3Config(String hostname, Accounts accounts, Mailboxes mailboxes, int maxErrors) {
    this(hostname, accounts, mailboxes, maxErrors, new FaultEngine(java.time.Instant::now));
  }
}
