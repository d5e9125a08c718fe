/**
 * The POP3 server: one class per command, sessions and their states. Not API: fakemail's own
 * machinery, which may change in any release without notice; nothing here is covered by the
 * recorded public API.
 */
package dev.fakemail.core.internal.pop3;
