package dev.fakemail.spring;

import dev.fakemail.core.Fault;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault rule for the {@link EnableFakeMail} server, as {@link Fault} does in code:
 * {@code @FakeMailFault(stage = Fault.Stage.RCPT, reply = "451 4.7.1 greylisted", times = 1)}.
 * Repeatable. On the test class: in force for every test (set again after each reset, so
 * {@link #times()} counts per test; part of the context's configuration). On a test method: for that
 * test only.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(FakeMailFault.List.class)
public @interface FakeMailFault {

  /** The stage of the session that fails. */
  Fault.Stage stage();

  /** What happens there: {@link Fault.Action#REPLY} (the default) sends {@link #reply()}. */
  Fault.Action action() default Fault.Action.REPLY;

  /** The reply of {@link Fault.Action#REPLY}, code and text: {@code "451 4.3.0 try later"}. */
  String reply() default "";

  /** How long {@link Fault.Action#DELAY} waits, in milliseconds. */
  long delayMs() default 0;

  /** Only when the envelope sender is this address (empty: any). */
  String from() default "";

  /** Only for this recipient (empty: any). */
  String to() default "";

  /** Only for this login (empty: any). */
  String user() default "";

  /** Only on this listener, by id: {@code "submission"} (empty: any). */
  String listener() default "";

  /** How many times the rule fires; 0 (the default): every time. */
  int times() default 0;

  /** How many matching events pass before the rule starts firing. */
  int after() default 0;

  /** The chance that the rule fires on a matching event, in (0, 1]. */
  double probability() default 1.0;

  /** The seed of {@link #probability()}. */
  long seed() default 0;

  /** The container of repeated {@link FakeMailFault}s. */
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @interface List {
    FakeMailFault[] value();
  }
}
