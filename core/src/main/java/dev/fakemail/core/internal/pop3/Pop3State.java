package dev.fakemail.core.internal.pop3;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The POP3 session states (RFC 1939 §3); UPDATE is the QUIT in TRANSACTION itself. */
enum Pop3State {
  AUTHORIZATION,
  TRANSACTION;

  /** The state sets commands declare ({@code Pop3Command.validIn()}). */
  static final Set<Pop3State> ANY = Collections.unmodifiableSet(EnumSet.allOf(Pop3State.class));
  /** Before login: USER, PASS, AUTH, STLS. */
  static final Set<Pop3State> AUTHORIZATION_ONLY = Collections.unmodifiableSet(EnumSet.of(AUTHORIZATION));
  /** Logged in, the maildrop open. */
  static final Set<Pop3State> TRANSACTION_ONLY = Collections.unmodifiableSet(EnumSet.of(TRANSACTION));
}
