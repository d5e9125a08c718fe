package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.net.TlsMaterial;
import java.lang.management.ManagementFactory;

/**
 * The one-time set-up that a start of the standalone server needs besides its own work, begun on a
 * thread of its own as the program starts, while the main thread parses the options: on two cores
 * the two then overlap instead of taking turns. Measured with {@code docker/startup-time.sh}; the
 * pieces are the ones a profile of a start showed on the main thread: the JVM's platform MBean
 * server (XNIO registers an MBean as it makes its first instance, which starts that server) and the
 * built-in TLS certificate. What no start needs waits for its first use instead (Jakarta Mail's
 * session, jSPF); the JSON mapper is made after the HTTP listener is up ({@code /health} needs none).
 *
 * <p>Each piece is a JVM-wide singleton that the start uses anyway: nothing is done twice, and when
 * the main thread reaches a piece first, class initialization makes it wait for the warm-up instead
 * of doing it again. Nothing here makes a logger, so it may run before the log level is set: SLF4J's
 * simple logger reads its settings once, when the first logger is made. A failure is left for the
 * real use to report.
 */
public final class Warmup {
  private Warmup() {}

  public static void inBackground() {
    Thread t = new Thread(Warmup::run, "fakemail-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      ManagementFactory.getPlatformMBeanServer();
      TlsMaterial.builtIn();
    } catch (RuntimeException | LinkageError e) {
      // the real use reports it
    }
  }
}
