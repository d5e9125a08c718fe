package dev.fakemail.core.internal.imap;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The IMAP connection states (RFC 3501 §3). */
enum ImapState {
  NOT_AUTHENTICATED,
  AUTHENTICATED,
  SELECTED,
  LOGOUT;

  /** The state sets commands declare ({@code ImapCommand.validIn()}): any but LOGOUT. */
  static final Set<ImapState> ANY = Collections.unmodifiableSet(EnumSet.of(NOT_AUTHENTICATED, AUTHENTICATED, SELECTED));
  /** Before login: STARTTLS, LOGIN, AUTHENTICATE. */
  static final Set<ImapState> NOT_AUTHENTICATED_ONLY = Collections.unmodifiableSet(EnumSet.of(NOT_AUTHENTICATED));
  /** Logged in, with or without a mailbox selected. */
  static final Set<ImapState> LOGGED_IN = Collections.unmodifiableSet(EnumSet.of(AUTHENTICATED, SELECTED));
  /** A mailbox selected: FETCH, STORE, SEARCH... */
  static final Set<ImapState> SELECTED_ONLY = Collections.unmodifiableSet(EnumSet.of(SELECTED));
}
