/**
 * The REST wire model: the JSON records of {@code /api/v1}, shared by the server's handlers and the
 * Java client ({@code dev.fakemail.inspector.client}), with the one Jackson configuration
 * ({@link dev.fakemail.inspector.internal.json.JsonMapper}). No Undertow here: the client loads it.
 *
 * <p>Not API. The compatibility promise is made for the HTTP API, documented in {@code /openapi.json}:
 * within {@code v1} fields and query parameters are only added, never renamed, removed or given
 * another meaning, and both sides ignore fields they do not know. These Java types are how that
 * wire model is spelled today; they change freely (a record cannot gain a component without breaking
 * its callers, so they are kept off every public signature, which {@code PublicApiTest} checks).
 */
package dev.fakemail.inspector.internal.json;
