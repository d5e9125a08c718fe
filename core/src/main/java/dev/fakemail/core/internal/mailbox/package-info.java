/**
 * Per-user mailboxes and folders with flags and UIDs, as POP3 and IMAP see them. Not API:
 * fakemail's own machinery, which may change in any release without notice; nothing here is covered
 * by the recorded public API.
 */
package dev.fakemail.core.internal.mailbox;
