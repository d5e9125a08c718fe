/**
 * The public API of fakemail-core: a fake mail server for integration tests, in-process.
 *
 * <p>{@link dev.fakemail.core.FakeMailServer} starts SMTP, POP3 and IMAP listeners on real sockets
 * ({@link dev.fakemail.core.FakeMailConfig}, {@link dev.fakemail.core.Listener}); what it received is
 * asked through {@link dev.fakemail.core.MailInspector}, with {@link dev.fakemail.core.MessageFilter}
 * and {@link dev.fakemail.core.ReceivedMessage} (with its {@link dev.fakemail.core.Envelope}). The
 * simulated world around it: {@link dev.fakemail.core.SimulatedDns},
 * {@link dev.fakemail.core.SimulatedNetwork} and {@link dev.fakemail.core.SimulatedClock} for relaying,
 * {@link dev.fakemail.core.DeliveryAttempt} and {@link dev.fakemail.core.DeliveryFilter} for what was
 * relayed, and {@link dev.fakemail.core.Fault} rules (or the {@link dev.fakemail.core.FakeMailFault}
 * annotation) to make a chosen stage of a session fail.
 *
 * <p>Everything under {@code dev.fakemail.core.internal} is not API.
 */
package dev.fakemail.core;
