/**
 * The never-failing MIME parser behind the parsed view of a received message. Not API: fakemail's
 * own machinery, which may change in any release without notice; nothing here is covered by the
 * recorded public API.
 */
package dev.fakemail.core.internal.mime;
