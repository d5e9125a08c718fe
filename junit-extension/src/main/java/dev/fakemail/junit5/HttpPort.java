package dev.fakemail.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the port of the HTTP inspector, started by {@code @FakeMail(http = true)}, into an
 * {@code int} parameter. The API is then at {@code http://127.0.0.1:<port>/api/v1/}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HttpPort {}
