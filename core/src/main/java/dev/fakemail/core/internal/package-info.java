/**
 * Machinery shared by the core's internal packages and fakemail's other modules (the bridge to the
 * public value types' hidden members, the text of a failed wait). Not API: may change without notice.
 */
package dev.fakemail.core.internal;
