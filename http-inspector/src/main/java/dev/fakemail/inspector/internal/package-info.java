/**
 * The HTTP inspector's handlers (one per endpoint), routes, guards and web page. Not API:
 * fakemail's own machinery, which may change in any release without notice; nothing here is covered
 * by the recorded public API.
 */
package dev.fakemail.inspector.internal;
