package dev.fakemail.spring;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.spring.examples.signup.SignupApplication;
import dev.fakemail.spring.examples.signup.SignupService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextManager;

/**
 * The server's life follows the application context's: Spring's context cache shares a context (and
 * its server) between test classes with the same settings, different settings get their own, and
 * closing the context stops its server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContextCacheIT {

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "cache-a.test")
  static class A {
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "cache-a.test")
  static class SameAsA {
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "cache-b.test")
  static class B {
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "cache-closed.test")
  static class Closed {
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(users = "no-at-sign")
  static class Misconfigured {
  }

  private static TestContext context(Class<?> testClass) {
    return new TestContextManager(testClass).getTestContext();
  }

  private static FakeMailServer server(Class<?> testClass) {
    return context(testClass).getApplicationContext().getBean(FakeMailServer.class);
  }

  @Test
  void sameSettingsShareTheCachedContextAndItsServer() {
    assertThat(server(SameAsA.class)).isSameAs(server(A.class));
    assertThat(context(SameAsA.class).getApplicationContext()).isSameAs(context(A.class).getApplicationContext());
  }

  @Test
  void differentSettingsGetTheirOwnServer() throws Exception {
    FakeMailServer a = server(A.class);
    FakeMailServer b = server(B.class);
    assertThat(b).isNotSameAs(a);
    assertThat(b.smtpPort()).isNotEqualTo(a.smtpPort());
    context(B.class).getApplicationContext().getBean(SignupService.class).signUp("eve@cache-b.test");
    assertThat(b.awaitMessages(to("eve@cache-b.test"), 1, Duration.ofSeconds(10))).hasSize(1);
    assertThat(a.messages(to("eve@cache-b.test"))).isEmpty();
  }

  @Test
  void closingTheContextStopsItsServer() {
    TestContext context = context(Closed.class);
    FakeMailServer server = context.getApplicationContext().getBean(FakeMailServer.class);
    assertThat(server.isRunning()).isTrue();
    context.markApplicationContextDirty(DirtiesContext.HierarchyMode.EXHAUSTIVE);
    assertThat(server.isRunning()).isFalse();
  }

  @Test
  void aBadSettingFailsNamingTheAnnotation() {
    assertThatThrownBy(() -> server(Misconfigured.class))
        .hasStackTraceContaining("@EnableFakeMail on " + Misconfigured.class.getName() + ": users:");
  }

  // Two test classes run at the same time by JUnit's parallel execution, each with its own settings.

  static final Map<String, FakeMailServer> SEEN = new ConcurrentHashMap<>();
  static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
  /** Set while the engine test kit runs the two classes; selected on their own, they skip. */
  static volatile boolean inTestKit;

  abstract static class ParallelBase {
    @Autowired
    FakeMailServer mail;

    @Autowired
    SignupService signup;

    void sendAndSee(String name) throws Exception {
      Assumptions.assumeTrue(inTestKit, "run together by ContextCacheIT.parallelClassesWithDifferentSettingsDoNotShareAServer");
      SEEN.put(name, mail);
      BOTH_RUNNING.await(30, TimeUnit.SECONDS); // both classes are in a test at once
      signup.signUp(name + "@parallel-" + name + ".test");
      assertThat(mail.awaitMessages(to(name + "@parallel-" + name + ".test"), 1, Duration.ofSeconds(10))).hasSize(1);
    }
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "parallel-one.test")
  static class ParallelOne extends ParallelBase {
    @Test
    void send() throws Exception {
      sendAndSee("one");
    }
  }

  @SpringBootTest(classes = SignupApplication.class)
  @EnableFakeMail(localDomains = "parallel-two.test")
  static class ParallelTwo extends ParallelBase {
    @Test
    void send() throws Exception {
      sendAndSee("two");
    }
  }

  @Test
  void parallelClassesWithDifferentSettingsDoNotShareAServer() {
    inTestKit = true;
    var events = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .selectors(selectClass(ParallelOne.class), selectClass(ParallelTwo.class))
        .execute()
        .testEvents();
    inTestKit = false;
    assertThat(events.failed().stream().map(e -> e.getPayload().map(String::valueOf).orElse("?")).toList()).isEmpty();
    events.assertStatistics(s -> s.started(2).succeeded(2));
    FakeMailServer one = SEEN.get("one");
    FakeMailServer two = SEEN.get("two");
    assertThat(one).isNotNull().isNotSameAs(two);
    assertThat(one.messages(to("two@parallel-two.test"))).isEmpty();
    assertThat(two.messages(to("one@parallel-one.test"))).isEmpty();
  }
}
