/**
 * The Spring test support's machinery: the context customizer and its factory, the test execution
 * listener, settings and the running server. Not API: it may change in any release without notice;
 * nothing here is covered by the recorded public API.
 */
package dev.fakemail.spring.internal;
