/**
 * Relaying to other (simulated) hosts: routing by MX, the retry queue, the SMTP client, delivery
 * status notifications and the delivery log. Not API: fakemail's own machinery, which may change in
 * any release without notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.relay;
