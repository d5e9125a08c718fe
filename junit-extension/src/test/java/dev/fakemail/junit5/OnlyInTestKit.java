package dev.fakemail.junit5;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a scenario class that a test runs through the EngineTestKit (some of them fail on purpose);
 * an IDE that picks it up on its own skips it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OnlyInTestKit.Condition.class)
@interface OnlyInTestKit {
  String PARAMETER = "fakemail.test.scenarios";

  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(PARAMETER).filter("true"::equals).isPresent()
          ? ConditionEvaluationResult.enabled("run by a test through the EngineTestKit")
          : ConditionEvaluationResult.disabled("a scenario for the EngineTestKit; its test runs it");
    }
  }
}
