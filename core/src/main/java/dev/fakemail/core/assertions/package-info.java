/**
 * Fluent assertions on what a fake mail server received, for any
 * {@link dev.fakemail.core.MailInspector}: {@link dev.fakemail.core.assertions.MailAssertions#assertThatMail}.
 * Named to live beside AssertJ's {@code assertThat} in one class's static imports; they need no test
 * framework and fail with a plain {@link java.lang.AssertionError}.
 */
package dev.fakemail.core.assertions;
