package dev.fakemail.junit5;

import dev.fakemail.core.Listener;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Injects the port of the submission (SMTP for clients) listener into an {@code int} parameter. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@FakeMailPort(Listener.SUBMISSION)
public @interface SubmissionPort {}
