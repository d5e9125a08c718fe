/**
 * The simulated DNS: its zones, a resolver over them, and the optional UDP and TCP DNS listener
 * with its rate limit. Not API: fakemail's own machinery, which may change in any release without
 * notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.dns;
