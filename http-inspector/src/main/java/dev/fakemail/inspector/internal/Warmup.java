package dev.fakemail.inspector.internal;

import dev.fakemail.core.internal.net.TlsMaterial;
import dev.fakemail.inspector.internal.json.JsonMapper;
import dev.fakemail.inspector.internal.provider.ProviderSupport;
import java.lang.management.ManagementFactory;

/**
 * The one-time set-up that a start of the standalone server costs besides binding its sockets, begun
 * on threads of their own as the program starts, while the main thread parses the options and binds
 * the listeners: on two cores the two halves then overlap instead of taking turns. Measured with
 * {@code docker/startup-time.sh}; the pieces are the ones a profile of a start showed on the main
 * thread: the JSON mapper ({@code /health} answers in JSON), the JVM's platform MBean server (XNIO
 * registers an MBean as it makes its first instance, which starts that server), the built-in TLS
 * certificate and Jakarta Mail's first session (the provider APIs).
 *
 * <p>Each piece is a JVM-wide singleton that the server's start uses anyway: nothing is done twice,
 * and when the main thread reaches a piece first, class initialization makes it wait for the warm-up
 * instead of doing it again. Nothing here makes a logger, so it may run before the log level is
 * set: SLF4J's simple logger reads its settings once, when the first logger is made. A failure is
 * left for the real use to report.
 */
public final class Warmup {
  private Warmup() {}

  public static void inBackground() {
    JsonMapper.shared();
    Thread t = new Thread(Warmup::run, "fakemail-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      ManagementFactory.getPlatformMBeanServer();
      TlsMaterial.builtIn();
      ProviderSupport.newMessage();
    } catch (RuntimeException | LinkageError e) {
      // the real use reports it
    }
  }
}
