package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakemail.core.FakeMailServer;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Under JUnit's parallel execution, classes running at the same time each have their own server,
 * and neither sees the other's mail. The scenario classes below meet at a barrier, so they are
 * provably running at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelIT {
  private static final int CLASSES = 3;
  private static final int TESTS_PER_CLASS = 3;
  static final CyclicBarrier TOGETHER = new CyclicBarrier(CLASSES);
  static final Map<String, Integer> PORT_BY_CLASS = new ConcurrentHashMap<>();
  static final Set<String> SYSTEM_PORTS_SEEN = Collections.synchronizedSet(new HashSet<>());

  @Test
  void concurrentClassesEachGetTheirOwnServer() {
    PORT_BY_CLASS.clear();
    SYSTEM_PORTS_SEEN.clear();
    Events tests = EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInTestKit.PARAMETER, "true")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(CLASSES))
        .selectors(selectClass(ScenarioA.class), selectClass(ScenarioB.class), selectClass(ScenarioC.class))
        .execute()
        .testEvents();

    assertThat(tests.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": "
        + e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(ParallelIT::stackTrace).orElse("?")))
        .as("failed tests").isEmpty();
    tests.assertStatistics(s -> s.started(CLASSES * TESTS_PER_CLASS).succeeded(CLASSES * TESTS_PER_CLASS));
    assertThat(PORT_BY_CLASS).hasSize(CLASSES);
    assertThat(Set.copyOf(PORT_BY_CLASS.values())).as("one server, so one port, per class").hasSize(CLASSES);
    assertThat(SYSTEM_PORTS_SEEN).as("fakemail.smtp.port, read while servers start and stop around it")
        .doesNotContainNull()
        .isSubsetOf(PORT_BY_CLASS.values().stream().map(String::valueOf).toList());
    assertThat(System.getProperty("fakemail.smtp.port")).as("restored after the run").isNull();
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  /** Each test of a scenario sends one message to its own class's server and finds only that one there. */
  abstract static class Scenario {
    void sendAndFindOnlyOwnMail(FakeMailServer mail, String recipient) throws Exception {
      Integer earlier = PORT_BY_CLASS.putIfAbsent(getClass().getSimpleName(), mail.smtpPort());
      if (earlier != null) {
        assertThat(mail.smtpPort()).as("the same server for every test of the class").isEqualTo(earlier);
      }
      SYSTEM_PORTS_SEEN.add(System.getProperty("fakemail.smtp.port"));
      Mailer.to(mail.smtpPort()).send("app@example.test", recipient, getClass().getSimpleName(), "x");
      assertThat(mail.awaitMessage(to(recipient)).subject()).isEqualTo(getClass().getSimpleName());
      assertThat(mail.messages()).as("reset before each test; no mail of the other classes").hasSize(1);
    }

    @Test
    void meetTheOtherClasses(FakeMailServer mail) throws Exception {
      TOGETHER.await(20, TimeUnit.SECONDS);
      sendAndFindOnlyOwnMail(mail, "meet@example.test");
    }

    @Test
    void sendOne(FakeMailServer mail) throws Exception {
      sendAndFindOnlyOwnMail(mail, "one@example.test");
    }

    @Test
    void sendTwo(FakeMailServer mail) throws Exception {
      sendAndFindOnlyOwnMail(mail, "two@example.test");
    }
  }

  @OnlyInTestKit
  @FakeMail
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  static class ScenarioA extends Scenario {}

  @OnlyInTestKit
  @FakeMail
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  static class ScenarioB extends Scenario {}

  @OnlyInTestKit
  @FakeMail
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  static class ScenarioC extends Scenario {}
}
