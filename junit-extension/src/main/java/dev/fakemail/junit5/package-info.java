/**
 * The JUnit Jupiter extension of fakemail: {@link dev.fakemail.junit5.FakeMail} starts a fake mail
 * server for a test class or method, {@link dev.fakemail.junit5.FakeMailExtension} does the same
 * configured in code, and {@link dev.fakemail.junit5.SmtpPort} and its siblings inject ports. To
 * assert on what arrived, use {@code dev.fakemail.core.assertions.MailAssertions} (in fakemail-core).
 *
 * <p>Compiled against the JUnit 5 API, which this library does not bring: the test project chooses
 * its JUnit version (5.10 or later, or 6).
 */
package dev.fakemail.junit5;
