package dev.fakemail.spring.internal;

import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailFault;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Registered in {@code META-INF/spring.factories}: before each test method (and before its
 * {@code @BeforeEach} methods), empties the context's fakemail server and sets the fault rules of the
 * class and of the method.
 */
public final class FakeMailTestExecutionListener implements TestExecutionListener, Ordered {

  @Override
  public int getOrder() {
    // after dependency injection (2000), before transactional and SQL listeners
    return 2500;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (FakeMailContextCustomizerFactory.settings(testContext.getTestClass()) == null) {
      return;
    }
    ApplicationContext context = testContext.getApplicationContext();
    if (!context.containsBean(FakeMailContextCustomizer.RUNNING_BEAN)) {
      return;
    }
    RunningFakeMail running = context.getBean(FakeMailContextCustomizer.RUNNING_BEAN, RunningFakeMail.class);
    List<Fault> methodFaults = Settings.faults(
        List.copyOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(testContext.getTestMethod(), FakeMailFault.class)),
        "@FakeMailFault on " + testContext.getTestClass().getName() + "." + testContext.getTestMethod().getName() + "()");
    running.reset(methodFaults);
  }
}
