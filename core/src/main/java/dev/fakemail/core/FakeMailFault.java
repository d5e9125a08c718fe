package dev.fakemail.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fault rule written as an annotation: makes a stage of a mail session fail, as {@link Fault}
 * does in code ({@link Fault#from(FakeMailFault)} turns one into the other):
 * {@code @FakeMailFault(stage = Fault.Stage.RCPT, to = "x@y.test", reply = "550 5.1.1 gone")}.
 * Repeatable. The JUnit extension ({@code @FakeMail}) and the Spring support ({@code @EnableFakeMail})
 * read it:
 *
 * <ul>
 *   <li>On the test class, beside {@code @FakeMail} or {@code @EnableFakeMail}: part of that
 *       server's configuration, in force for every test (the rules are set again after each reset,
 *       so {@link #times()} counts per test).</li>
 *   <li>On a test method: in force for that test only.</li>
 *   <li>With JUnit, on a {@code @Nested} class without its own {@code @FakeMail}: for each of its
 *       tests.</li>
 * </ul>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(FakeMailFault.List.class)
public @interface FakeMailFault {

  /**
   * The stage of the session that fails.
   *
   * @return the stage
   */
  Fault.Stage stage();

  /**
   * What happens there: {@link Fault.Action#REPLY} (the default) sends {@link #reply()}.
   *
   * @return the action
   */
  Fault.Action action() default Fault.Action.REPLY;

  /**
   * The reply of {@link Fault.Action#REPLY}, code and text: {@code "451 4.3.0 try later"}.
   *
   * @return the reply line
   */
  String reply() default "";

  /**
   * How long {@link Fault.Action#DELAY} waits, in milliseconds.
   *
   * @return the delay in milliseconds
   */
  long delayMs() default 0;

  /**
   * Only when the envelope sender is this address (empty: any).
   *
   * @return the envelope sender to match
   */
  String from() default "";

  /**
   * Only for this envelope recipient (empty: any).
   *
   * @return the recipient to match
   */
  String to() default "";

  /**
   * Only for this login (empty: any).
   *
   * @return the login to match
   */
  String user() default "";

  /**
   * Only on this listener, by id: {@code "submission"} (empty: any).
   *
   * @return the listener id to match
   */
  String listener() default "";

  /**
   * Only for sends through this provider's HTTP API, stage {@link Fault.Stage#API}: {@code "sendgrid"}
   * (empty: any).
   *
   * @return the provider name to match
   */
  String provider() default "";

  /**
   * How many times the rule fires; 0 (the default): every time.
   *
   * @return the number of times
   */
  int times() default 0;

  /**
   * How many matching events pass before the rule starts firing.
   *
   * @return the number of events let through
   */
  int after() default 0;

  /**
   * The chance that the rule fires on a matching event, in (0, 1].
   *
   * @return the probability
   */
  double probability() default 1.0;

  /**
   * The seed of {@link #probability()}, so that a run can be repeated.
   *
   * @return the seed
   */
  long seed() default 0;

  /** The container of repeated {@link FakeMailFault}s. */
  @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @Inherited
  @interface List {
    /**
     * The repeated annotations.
     *
     * @return the rules, in the order written
     */
    FakeMailFault[] value();
  }
}
