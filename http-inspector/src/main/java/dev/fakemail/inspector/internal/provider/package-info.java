/**
 * Relay services' HTTP send APIs (SendGrid, Amazon SES, Postmark, Mailgun, blastengine): their
 * handlers, keys, templates and the MIME messages built from their requests. Not API: fakemail's
 * own machinery, which may change in any release without notice; nothing here is covered by the
 * recorded public API.
 */
package dev.fakemail.inspector.internal.provider;
