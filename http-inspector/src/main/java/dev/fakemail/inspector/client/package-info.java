/**
 * The Java client of the HTTP inspector's API, on {@code java.net.http} alone:
 * {@link dev.fakemail.inspector.client.FakeMailClient} is a {@link dev.fakemail.core.MailInspector}
 * for a server in another process or a container.
 */
package dev.fakemail.inspector.client;
