package dev.fakemail.junit5;

import dev.fakemail.core.Listener;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the port a listener of the {@link FakeMail} server is bound to into an {@code int} (or
 * {@code Integer}) parameter: {@code @FakeMailPort(Listener.IMAP) int port}. {@link SmtpPort},
 * {@link SubmissionPort} and the others are shorter spellings of the same.
 */
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FakeMailPort {
  Listener value();
}
