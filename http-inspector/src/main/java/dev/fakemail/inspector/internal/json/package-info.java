/**
 * The JSON records of the HTTP inspector's API and their mapper. Not API: fakemail's own machinery,
 * which may change in any release without notice; nothing here is covered by the recorded public
 * API.
 */
package dev.fakemail.inspector.internal.json;
