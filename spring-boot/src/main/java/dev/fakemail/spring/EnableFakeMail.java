package dev.fakemail.spring;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailFault;
import dev.fakemail.core.Listener;
import dev.fakemail.spring.internal.ServerParameterResolver;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a fakemail server for the application context of a Spring test ({@code @SpringBootTest},
 * or a slice with mail auto-configuration) and points the application's mail at it before the
 * context starts.
 *
 * <ul>
 *   <li>Properties: {@code spring.mail.host}, {@code spring.mail.port} (of {@link #use()}),
 *       {@code spring.mail.username}/{@code password} (the first of {@link #users()}), STARTTLS or
 *       SMTPS through {@code spring.mail.properties.mail.smtp.*} and an SSL bundle named
 *       {@code fakemail} that trusts only the server's certificate; {@code fakemail.host},
 *       {@code fakemail.<listener>.port} for every listener, {@code fakemail.http.url}; and the names
 *       given in {@link #hostProperty()}, {@link #portProperty()}, {@link #imapPortProperty()},
 *       {@link #httpUrlProperty()}.</li>
 *   <li>The server is a bean ({@code @Autowired FakeMailServer mail}, or a test-method parameter
 *       annotated {@code @Autowired}). It lives as long as the application context: Spring's context
 *       cache keeps it for every test class with the same configuration, and a different
 *       {@code @EnableFakeMail} makes a different context with its own server.</li>
 *   <li>Before each test method it is emptied with {@link dev.fakemail.core.FakeMailServer#reset()}
 *       and the {@link FakeMailFault} rules of the class and of the method are set.</li>
 * </ul>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ServerParameterResolver.class)
public @interface EnableFakeMail {

  /**
   * The listeners to start; empty (the default) means every one (SMTP, submission, SMTPS, POP3,
   * POP3S, IMAP and IMAPS), or SMTP, submission, SMTPS and IMAP when {@code imapPortProperty} is set.
   */
  Listener[] listeners() default {};

  /**
   * The listener the application sends through ({@code spring.mail.port}): {@link Listener#SMTP}
   * (plain, the default), {@link Listener#SUBMISSION} (STARTTLS required) or {@link Listener#SMTPS}
   * (implicit TLS). It is started even when {@link #listeners()} leaves it out.
   */
  Listener use() default Listener.SMTP;

  /** Fixed ports, {@code "smtp=2525"}; every other listener takes a free port. */
  String[] ports() default {};

  /**
   * Declared users, {@code "address:password"} or {@code "address:password:login"}; the first is
   * {@code spring.mail.username}/{@code password}. Declaring any turns on strict mode: only these
   * addresses receive mail and only these credentials log in.
   */
  String[] users() default {};

  /** Requires AUTH before MAIL on the submission and SMTPS listeners. */
  boolean authRequired() default false;

  /** The largest message accepted, in octets. */
  long maxMessageSize() default FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE;

  /** Domains hosted by this server; mail for other domains goes through the simulated DNS. Empty: all. */
  String[] localDomains() default {};

  /** Records of the simulated DNS at start-up, {@code "far.test MX 10 mx.far.test"}. */
  String[] dnsRecords() default {};

  /**
   * Also starts the HTTP inspector on a free port; its URL is {@code fakemail.http.url}. Needs
   * {@code dev.fakemail:fakemail-http-inspector} and {@code io.undertow:undertow-core} on the test
   * classpath.
   */
  boolean http() default false;

  /**
   * Strict mode for relay services' send APIs on the HTTP inspector (needs {@link #http()}):
   * {@code "provider:KEY"} such as {@code "sendgrid:SG.test-key"}; that provider then answers any
   * other key as it does (401/403 with its body), the others accept every key.
   */
  String[] providerKeys() default {};

  /** More properties set to the server's host, for applications with their own mail settings. */
  String[] hostProperty() default {};

  /** More properties set to the port of {@link #use()}. */
  String[] portProperty() default {};

  /** Properties set to the IMAP port (the IMAP listener is started when any is named). */
  String[] imapPortProperty() default {};

  /** Properties set to the HTTP inspector's base URL ({@link #http()} must be true). */
  String[] httpUrlProperty() default {};
}
