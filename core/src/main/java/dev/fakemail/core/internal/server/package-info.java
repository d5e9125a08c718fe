/**
 * Not API: how a {@link dev.fakemail.core.FakeMailServer} is put together. {@link
 * dev.fakemail.core.internal.server.ServerAssembly} builds and wires every part (listeners, store,
 * accounts, mailboxes, relay, DNS, faults, TLS), {@link dev.fakemail.core.internal.server.DeliveryPolicy}
 * decides where an accepted message goes, and {@link dev.fakemail.core.internal.server.ServerInternals}
 * lets fakemail's own modules (HTTP inspector, standalone program) reach a running server's parts.
 * May change in any release without notice.
 */
package dev.fakemail.core.internal.server;
