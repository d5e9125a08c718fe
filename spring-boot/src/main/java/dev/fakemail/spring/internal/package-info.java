/** Machinery of {@link dev.fakemail.spring.EnableFakeMail}; not an API. */
package dev.fakemail.spring.internal;
