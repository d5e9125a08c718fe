/**
 * JMH benchmarks of fakemail (startup, store, retrieval, parsing, load, providers, ...), built with
 * {@code -Pbenchmarks}; figures in the README. Not published, not API.
 */
package dev.fakemail.benchmarks;
