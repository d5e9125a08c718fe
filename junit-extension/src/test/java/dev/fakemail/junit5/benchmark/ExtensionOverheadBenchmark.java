package dev.fakemail.junit5.benchmark;

import static dev.fakemail.core.MessageFilter.to;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.junit5.FakeMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Per-test cost of the JUnit extension, fakemail's {@code @FakeMail} against GreenMail's
 * {@code GreenMailExtension}, in one run: 200 tests that each send one message over SMTP (with the
 * same Angus Mail client) and wait for it, in both lifecycles (a server per class emptied before each
 * test, and a server per test), and the same tests on a server started once by hand, without the
 * extension: the difference is what the extension itself costs per test. A measurement to read,
 * not a test: nothing is asserted on time.
 *
 * <p>Run: {@code mvn -pl junit-extension -am -Pbenchmark -DskipTests verify}. Each variant runs
 * {@value #ROUNDS} times, interleaved, after a warm-up round; the best round counts (the least
 * disturbed by other load on the machine).
 */
public final class ExtensionOverheadBenchmark {
  static final int TESTS = 200;
  static final int ROUNDS = 3;

  private ExtensionOverheadBenchmark() {}

  public static void main(String[] args) {
    List<Class<?>> variants = List.of(FakeMailPerClass.class, GreenMailPerClass.class, FakeMailPerTest.class,
        GreenMailPerTest.class, FakeMailNoExtension.class, GreenMailNoExtension.class);
    Launcher launcher = LauncherFactory.create();
    for (Class<?> v : variants) {
      run(launcher, v); // warm-up: class loading and JIT for both sides
    }
    long[] best = new long[variants.size()];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < variants.size(); i++) {
        best[i] = Math.min(best[i], run(launcher, variants.get(i)));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n%d tests, each sending and awaiting one message; best of %d rounds%n", TESTS, ROUNDS));
    for (int i = 0; i < variants.size(); i++) {
      out.append(String.format(Locale.ROOT, "  %-18s %8.1f ms total  %6.3f ms/test%n", variants.get(i).getSimpleName(),
          best[i] / 1e6, best[i] / 1e6 / TESTS));
    }
    out.append(String.format(Locale.ROOT, "  ratio fakemail/greenmail, server per class: %.2f%n", (double) best[0] / best[1]));
    out.append(String.format(Locale.ROOT, "  ratio fakemail/greenmail, server per test:  %.2f%n", (double) best[2] / best[3]));
    // the extension's own share: the same test minus the same work on a server started once, by hand
    out.append(String.format(Locale.ROOT, "extension overhead per test (variant minus NoExtension of the same server):%n"));
    String[] modes = {"server per class", "server per test"};
    for (int m = 0; m < 2; m++) {
      double ours = (best[2 * m] - best[4]) / 1e6 / TESTS;
      double theirs = (best[2 * m + 1] - best[5]) / 1e6 / TESTS;
      out.append(String.format(Locale.ROOT, "  %-17s fakemail %6.3f ms, greenmail %6.3f ms%n", modes[m] + ":", ours, theirs));
    }
    System.out.print(out);
  }

  /** Runs one variant's 200 tests; the wall time in nanoseconds. Fails if any test failed. */
  private static long run(Launcher launcher, Class<?> variant) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(variant)).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(request, listener);
    long elapsed = System.nanoTime() - start;
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() != TESTS) {
      java.io.StringWriter w = new java.io.StringWriter();
      summary.printFailuresTo(new java.io.PrintWriter(w), 20);
      throw new IllegalStateException(variant.getSimpleName() + ": " + summary.getTestsSucceededCount() + " of " + TESTS
          + " tests passed\n" + w);
    }
    return elapsed;
  }

  static void send(int port, String to) throws MessagingException {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(port));
    MimeMessage m = new MimeMessage(Session.getInstance(props));
    m.setFrom(new InternetAddress("app@example.test"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject("Benchmark");
    m.setText("one message per test");
    Transport.send(m);
  }

  static void awaitGreenMail(GreenMailExtension greenMail) {
    if (!greenMail.waitForIncomingEmail(10_000, 1)) {
      throw new AssertionError("GreenMail received nothing");
    }
  }

  private static ServerSetup greenMailSmtp() {
    return ServerSetupTest.SMTP.dynamicPort();
  }

  // ---- the variants ----

  /** Baseline: the same sends and waits on one server started by hand, emptied before each test; no extension. */
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class FakeMailNoExtension {
    static FakeMailServer mail;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
      mail = FakeMailServer.builder().listeners(Listener.SMTP).start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
      mail.close();
    }

    @BeforeEach
    void empty() {
      mail.reset();
    }

    @RepeatedTest(TESTS)
    void sendAndAwait() throws Exception {
      send(mail.smtpPort(), "bob@example.test");
      mail.awaitMessage(to("bob@example.test"));
    }
  }

  /** Baseline for GreenMail, as {@link FakeMailNoExtension}. */
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class GreenMailNoExtension {
    static com.icegreen.greenmail.util.GreenMail greenMail;

    @org.junit.jupiter.api.BeforeAll
    static void start() {
      greenMail = new com.icegreen.greenmail.util.GreenMail(greenMailSmtp());
      greenMail.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
      greenMail.stop();
    }

    @BeforeEach
    void empty() throws Exception {
      greenMail.purgeEmailFromAllMailboxes();
    }

    @RepeatedTest(TESTS)
    void sendAndAwait() throws Exception {
      send(greenMail.getSmtp().getPort(), "bob@example.test");
      if (!greenMail.waitForIncomingEmail(10_000, 1)) {
        throw new AssertionError("GreenMail received nothing");
      }
    }
  }


  @FakeMail(listeners = Listener.SMTP) // GreenMail's setup below is SMTP only too
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class FakeMailPerClass {
    @RepeatedTest(TESTS)
    void sendAndAwait(FakeMailServer mail) throws Exception {
      send(mail.smtpPort(), "bob@example.test");
      mail.awaitMessage(to("bob@example.test"));
    }
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class FakeMailPerTest {
    @FakeMail(listeners = Listener.SMTP)
    @RepeatedTest(TESTS)
    void sendAndAwait(FakeMailServer mail) throws Exception {
      send(mail.smtpPort(), "bob@example.test");
      mail.awaitMessage(to("bob@example.test"));
    }
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class GreenMailPerClass {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(greenMailSmtp()).withPerMethodLifecycle(false);

    /** GreenMail keeps mail between tests in this lifecycle; fakemail empties the server, so do the same. */
    @BeforeEach
    void purge() throws Exception {
      greenMail.purgeEmailFromAllMailboxes();
    }

    @RepeatedTest(TESTS)
    void sendAndAwait() throws Exception {
      send(greenMail.getSmtp().getPort(), "bob@example.test");
      awaitGreenMail(greenMail);
    }
  }

  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static class GreenMailPerTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(greenMailSmtp());

    @RepeatedTest(TESTS)
    void sendAndAwait() throws Exception {
      send(greenMail.getSmtp().getPort(), "bob@example.test");
      awaitGreenMail(greenMail);
    }
  }
}
