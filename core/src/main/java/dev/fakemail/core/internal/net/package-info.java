/**
 * The one connection layer of SMTP, POP3 and IMAP: listeners and event loops, line reading with
 * limits, TLS, connection caps and transcripts. Not API: fakemail's own machinery, which may change
 * in any release without notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.net;
