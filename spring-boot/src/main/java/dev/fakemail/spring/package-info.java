/**
 * fakemail for Spring tests: {@link dev.fakemail.spring.EnableFakeMail} on a {@code @SpringBootTest}.
 * Registered with Spring's test support through {@code META-INF/spring.factories}.
 */
package dev.fakemail.spring;
