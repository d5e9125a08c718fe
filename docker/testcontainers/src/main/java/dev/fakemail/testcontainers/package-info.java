/**
 * fakemail in a container for Testcontainers:
 * {@link dev.fakemail.testcontainers.FakeMailContainer} runs the image and is a
 * {@link dev.fakemail.core.MailInspector} over its HTTP API;
 * {@link dev.fakemail.testcontainers.Namespace} gives parallel tests sharing one container each
 * their own view.
 */
package dev.fakemail.testcontainers;
