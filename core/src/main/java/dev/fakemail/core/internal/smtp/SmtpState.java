package dev.fakemail.core.internal.smtp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Where a session is in the RFC 5321 command sequence. */
public enum SmtpState {
  /** Greeted, no EHLO/HELO yet. */
  CONNECTED,
  /** After EHLO/HELO, no transaction. */
  READY,
  /** After MAIL FROM, no recipient yet. */
  MAIL,
  /** At least one recipient accepted. */
  RCPT;

  /** The state sets commands declare ({@code SmtpCommand.validIn()}). */
  public static final Set<SmtpState> ANY = Collections.unmodifiableSet(EnumSet.allOf(SmtpState.class));
  public static final Set<SmtpState> GREETED = Collections.unmodifiableSet(EnumSet.of(READY, MAIL, RCPT));
  /** Greeted, outside a transaction: MAIL, AUTH, STARTTLS. */
  public static final Set<SmtpState> READY_ONLY = Collections.unmodifiableSet(EnumSet.of(READY));
  public static final Set<SmtpState> IN_TRANSACTION = Collections.unmodifiableSet(EnumSet.of(MAIL, RCPT));
}
