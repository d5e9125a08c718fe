/**
 * The engine that applies fault rules at each stage of a session (replies, delays, disconnects, TLS
 * failures, greylisting). Not API: fakemail's own machinery, which may change in any release
 * without notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.fault;
