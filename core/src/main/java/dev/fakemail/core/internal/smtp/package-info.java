/**
 * The SMTP server (with submission and SMTPS): one class per command, sessions, replies and message
 * acceptance. Not API: fakemail's own machinery, which may change in any release without notice;
 * nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.smtp;
