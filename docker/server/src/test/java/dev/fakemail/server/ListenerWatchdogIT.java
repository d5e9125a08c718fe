package dev.fakemail.server;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Listener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xnio.XnioIoThread;

/**
 * The standalone program never lives on as a zombie: when a listener's event loop dies, it stops
 * with a non-zero status ({@code main} passes it to {@code System.exit}), so that the container's
 * supervisor restarts it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerWatchdogIT {

  @Test
  void httpThatStopsServingStopsTheProgramWithANonZeroStatus() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Main main = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8), new CountDownLatch(1));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine(main).execute(
        "--bind", "127.0.0.1", "--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off",
        "--pop3-port", "off", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
        "--http-port", "0", "--dns-port", "off", "--log-level", "warn"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> stdout.toString(StandardCharsets.UTF_8).contains("ready"));
      assertThat(main.http().isServing()).isTrue();

      // The only HTTP server of this JVM now is the program's: its I/O threads stop (XNIO's loop
      // survives an Error thrown into it, so stopping the worker is the way to make them die here).
      XnioIoThread io = (XnioIoThread) Thread.getAllStackTraces().keySet().stream().filter(t -> t instanceof XnioIoThread)
          .findFirst().orElseThrow();
      io.getWorker().shutdownNow();
      io.join(10_000);
      assertThat(io.isAlive()).isFalse();
      assertThat(main.http().isServing()).isFalse();

      assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.LISTENER_FAILED);
    } finally {
      main.stop();
    }
  }

  @Test
  void aDeadListenerLoopStopsTheProgramWithANonZeroStatus() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Main main = new Main(new PrintStream(stdout, true, StandardCharsets.UTF_8), new CountDownLatch(1));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.commandLine(main).execute(
        "--bind", "127.0.0.1", "--smtp-port", "0", "--submission-port", "off", "--smtps-port", "off",
        "--pop3-port", "0", "--pop3s-port", "off", "--imap-port", "off", "--imaps-port", "off",
        "--http-port", "off", "--dns-port", "off", "--log-level", "warn"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> stdout.toString(StandardCharsets.UTF_8).contains("ready"));
      assertThat(exit).as("it runs until stopped").isNotDone();

      ServerInternals.of(main.server()).failListenerForTest(Listener.POP3);

      assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(Main.LISTENER_FAILED).isNotZero();
    } finally {
      main.stop();
    }
  }
}
