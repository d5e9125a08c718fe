package dev.fakemail.junit5;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.Listener;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a fake mail server for a test class or a test method, and injects it as a
 * {@link dev.fakemail.core.FakeMailServer} parameter (ports through {@link SmtpPort} and its
 * siblings).
 *
 * <ul>
 *   <li>On a class: one server for the whole class (its {@code @Nested} classes and subclasses
 *       included), emptied before each test with {@link dev.fakemail.core.FakeMailServer#reset()}:
 *       messages, sessions, faults and the delivery log cleared; users, DNS records and fault
 *       rules back to this annotation's configuration.</li>
 *   <li>On a method: a server for that test alone, stopped after it.</li>
 *   <li>On an annotation: a team's own annotation ({@code @OurMail}) carries these settings.</li>
 * </ul>
 *
 * <p>Every listener (all seven unless {@link #listeners()} names some) binds a free port of 127.0.0.1 unless {@link #ports()} fixes it. While a server runs, its host and ports are
 * published as system properties ({@code fakemail.smtp.host}, {@code fakemail.smtp.port},
 * {@code fakemail.submission.port}, ...), restored afterwards.
 *
 * <p>Under JUnit's parallel execution every class has its own server. The tests of one class share
 * it, and it is emptied before each of them, so keep them on one thread (JUnit's default
 * {@code junit.jupiter.execution.parallel.mode.default=same_thread}).
 *
 * <p>Fault rules go beside it as {@link FakeMailFault}. {@link #http()} starts the HTTP inspector
 * too; its port is injected with {@link HttpPort}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeMailExtension.class)
public @interface FakeMail {

  /**
   * The listeners to start; empty (the default) means every one: SMTP, submission, SMTPS, POP3,
   * POP3S, IMAP and IMAPS ({@link FakeMailConfig#DEFAULT_LISTENERS}, as {@code FakeMailServer.start()}).
   */
  Listener[] listeners() default {};

  /**
   * Fixed ports, {@code "smtp=2525"} (listener id = port); every other listener takes a free port.
   * A listener named here is started even when {@link #listeners()} leaves it out.
   */
  String[] ports() default {};

  /**
   * Declared users, {@code "address:password"} or {@code "address:password:login"}. Declaring any
   * turns on strict mode: only these addresses receive mail and only these credentials log in.
   */
  String[] users() default {};

  /** Requires AUTH before MAIL on the submission and SMTPS listeners. */
  boolean authRequired() default false;

  /** The largest message accepted, in octets (announced in EHLO SIZE). */
  long maxMessageSize() default FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE;

  /**
   * Domains hosted by this server; mail for any other domain is routed through the simulated DNS.
   * Empty (the default): every domain is local.
   */
  String[] localDomains() default {};

  /**
   * Records of the simulated DNS at start-up, {@code "far.test MX 10 mx.far.test"}; SPF and DMARC
   * records too: {@code "shop.test TXT v=spf1 ip4:127.0.0.1 -all"}, {@code "_dmarc.shop.test TXT v=DMARC1; p=reject"}.
   */
  String[] dnsRecords() default {};

  /**
   * Sender authentication to enforce rather than only record: {@code "dmarc"} (p=reject failures get
   * {@code 550 5.7.1}, p=quarantine ones go to Junk), {@code "spf"} (SPF fail gets {@code 550 5.7.23}).
   */
  String[] enforce() default {};

  /**
   * Also starts the HTTP inspector (REST API and web page) on a free port, injected with
   * {@link HttpPort}; for tests that drive a browser or another process. Needs
   * {@code dev.fakemail:fakemail-http-inspector} and {@code io.undertow:undertow-core} on the test
   * classpath (a clear error says so when they are missing).
   */
  boolean http() default false;

  /**
   * Strict mode for relay services' send APIs on the HTTP inspector (needs {@code http = true}):
   * {@code "provider:KEY"} such as {@code "sendgrid:SG.test-key"}, {@code "postmark:token"} or
   * {@code "blastengine:LOGIN_ID:API_KEY"}. A provider given a key accepts only its keys and
   * answers any other as the provider does (401/403 with its body); the others accept every key.
   */
  String[] providerKeys() default {};
}
