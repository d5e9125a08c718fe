/**
 * The JUnit extension's machinery: annotation settings, the running server and its HTTP inspector,
 * the system properties published. Not API: it may change in any release without notice; nothing
 * here is covered by the recorded public API.
 */
package dev.fakemail.junit5.internal;
