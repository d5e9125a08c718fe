/**
 * The accounts: users, passwords and aliases, as SMTP AUTH and POP3 and IMAP logins check them. Not
 * API: fakemail's own machinery, which may change in any release without notice; nothing here is
 * covered by the recorded public API.
 */
package dev.fakemail.core.internal.auth;
