/**
 * The HTTP inspector: {@link dev.fakemail.inspector.FakeMailHttpServer} serves a
 * {@link dev.fakemail.core.FakeMailServer}'s messages, sessions, deliveries, fault rules, DNS and
 * clock over a REST API ({@code /api/v1}), a web page and relay services' send APIs. Needs Undertow
 * on the classpath; the Java client in {@code dev.fakemail.inspector.client} does not.
 */
package dev.fakemail.inspector;
