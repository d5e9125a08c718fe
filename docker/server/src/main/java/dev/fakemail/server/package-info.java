/**
 * The standalone fakemail program and the container image's entry point: {@code Main} and its
 * command-line options (each also a {@code FAKEMAIL_*} environment variable). A program, not a
 * library: its Java types are not API; its options are, as the README lists them.
 */
package dev.fakemail.server;
