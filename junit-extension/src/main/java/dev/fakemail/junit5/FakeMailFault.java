package dev.fakemail.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault rule for the server of {@link FakeMail}: makes a stage of the SMTP conversation fail,
 * e.g. {@code @FakeMailFault(stage = Stage.RCPT, to = "x@y.test", reply = "550 5.1.1 gone")}.
 * Repeatable; put it beside {@code @FakeMail} on the class or on a test method.
 *
 * <p>Fault injection needs an engine this version of fakemail does not have yet: a test carrying
 * this annotation fails with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * rather than running without the fault.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(FakeMailFault.List.class)
public @interface FakeMailFault {

  /** The stage of the conversation that fails. */
  Stage stage();

  /** Only when the envelope sender is this address (empty: any). */
  String from() default "";

  /** Only for this recipient (empty: any). */
  String to() default "";

  /** Only for this authenticated user (empty: any). */
  String user() default "";

  /** What happens at that stage. */
  Action action() default Action.REPLY;

  /** The reply sent by {@link Action#REPLY}, code and text: {@code "451 4.3.0 try later"}. */
  String reply() default "";

  /** How long {@link Action#DELAY} waits, in milliseconds. */
  long delayMs() default 0;

  /** How many times the rule fires; 0 (the default): every time. */
  int times() default 0;

  /** How many matching events pass before the rule starts firing. */
  int after() default 0;

  /** The chance that the rule fires on a matching event, from 0 to 1. */
  double probability() default 1.0;

  /** The seed of {@link #probability()}, so that a run can be repeated. */
  long seed() default 0;

  /** Stages of a mail conversation that a fault can hit. */
  enum Stage { CONNECT, GREETING, EHLO, AUTH, MAIL, RCPT, DATA, END_OF_DATA }

  /** What a fault does. */
  enum Action { REPLY, DELAY, DISCONNECT, DROP_TLS }

  /** The container of repeated {@link FakeMailFault}s. */
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @interface List {
    FakeMailFault[] value();
  }
}
