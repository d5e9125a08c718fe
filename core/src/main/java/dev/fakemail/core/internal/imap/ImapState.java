package dev.fakemail.core.internal.imap;

/** The IMAP connection states (RFC 3501 §3). */
enum ImapState { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }
