/**
 * The in-memory message store with its indexes and waits, the session log, and the memory budget
 * everything kept is charged to. Not API: fakemail's own machinery, which may change in any release
 * without notice; nothing here is covered by the recorded public API.
 */
package dev.fakemail.core.internal.store;
