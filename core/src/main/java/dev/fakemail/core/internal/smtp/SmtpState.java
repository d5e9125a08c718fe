package dev.fakemail.core.internal.smtp;

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

  public static final Set<SmtpState> ANY = EnumSet.allOf(SmtpState.class);
  public static final Set<SmtpState> GREETED = EnumSet.of(READY, MAIL, RCPT);
  public static final Set<SmtpState> IN_TRANSACTION = EnumSet.of(MAIL, RCPT);
}
