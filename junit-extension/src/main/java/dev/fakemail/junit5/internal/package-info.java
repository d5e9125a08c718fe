/** Machinery of the JUnit extension; not an API, may change without notice. */
package dev.fakemail.junit5.internal;
