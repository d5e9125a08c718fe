package dev.fakemail.server;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.internal.Warmup;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * The standalone fakemail server: starts the listeners, prints one line per listener and then
 * {@code ready}, and runs until SIGTERM or Ctrl-C, when it stops cleanly.
 */
@Command(name = "fakemail", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "A fake mail server for integration tests: SMTP, POP3 and IMAP on real sockets, every message kept in memory. "
        + "It never sends mail off this machine.",
    sortOptions = false, usageHelpAutoWidth = true)
public final class Main implements Callable<Integer> {
  /** The exit status when a listener stopped serving (EX_SOFTWARE). */
  static final int LISTENER_FAILED = 70;
  private static final long WATCH_PERIOD_MS = 500;
  @Mixin
  Options options = new Options();

  private final PrintStream out;
  private final CountDownLatch stop;
  private volatile FakeMailServer server;
  private volatile FakeMailHttpServer http;
  private volatile int exitCode;
  private volatile boolean stopping;

  Main(PrintStream out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  public static void main(String[] args) {
    Warmup.inBackground(); // while the options are parsed and the listeners bound
    CountDownLatch stop = new CountDownLatch(1);
    Main main = new Main(System.out, stop);
    int code = commandLine(main).execute(args);
    if (code != 0 || main.server == null) {
      System.exit(code);
    }
  }

  static CommandLine commandLine(Main main) {
    CommandLine cl = new CommandLine(main);
    cl.setDefaultValueProvider(new Options.PortDefaults());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("fakemail: " + e.getMessage());
      return 1;
    });
    return cl;
  }

  @Override
  public Integer call() {
    try {
      options.validate();
    } catch (IllegalArgumentException e) {
      System.err.println("fakemail: " + e.getMessage());
      return 2;
    }
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", options.logLevel.toLowerCase(Locale.ROOT));
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    System.setProperty("org.jboss.logging.provider", "slf4j");
    if (!options.logLevel.equalsIgnoreCase("debug") && !options.logLevel.equalsIgnoreCase("trace")) {
      // Undertow and XNIO announce their versions at INFO; the listener lines above say what matters
      System.setProperty("org.slf4j.simpleLogger.log.io.undertow", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.xnio", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.james.jspf", "warn"); // a line per SPF term at info
    }
    FakeMailServer s;
    FakeMailHttpServer h = null;
    try {
      s = options.applyTo(FakeMailServer.builder()).start();
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("fakemail: " + e.getMessage());
      return 1;
    }
    if (options.httpPort != null) {
      try {
        h = options.applyTo(FakeMailHttpServer.builder(s)).bindAddress(options.bind).port(options.httpPort)
            .apiToken(options.apiToken).start();
      } catch (IllegalArgumentException e) {
        s.close();
        System.err.println("fakemail: " + e.getMessage());
        return 2;
      } catch (RuntimeException e) {
        s.close();
        System.err.println("fakemail: cannot start http on " + options.bind + ":" + options.httpPort + ": " + rootMessage(e));
        return 1;
      }
    }
    server = s;
    http = h;
    FakeMailHttpServer httpServer = h;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping = true;
      if (httpServer != null) {
        httpServer.close();
      }
      s.close();
      stop.countDown();
    }, "fakemail-shutdown"));
    for (Map.Entry<Listener, Integer> e : s.ports().entrySet()) {
      out.printf("%-12s %s:%d%n", e.getKey().id(), options.bind, e.getValue());
    }
    if (options.dnsPort != null) {
      out.printf("%-12s %s:%d%n", "dns", options.bind, s.dnsPort());
    }
    if (h != null) {
      out.printf("%-12s %s:%d%n", "http", options.bind, h.port());
    }
    out.println("ready");
    out.flush();
    ScheduledExecutorService watchdog = watch(s);
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.close();
    } finally {
      watchdog.shutdownNow();
    }
    return exitCode;
  }

  /**
   * Checks the listeners every {@link #WATCH_PERIOD_MS} ms: if one's event loop has died (it accepts
   * nothing any more), the program stops with {@link #LISTENER_FAILED}, so that the container's
   * supervisor restarts it instead of keeping a zombie.
   */
  private ScheduledExecutorService watch(FakeMailServer s) {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fakemail-watchdog");
      t.setDaemon(true);
      return t;
    });
    FakeMailHttpServer h = http;
    watchdog.scheduleWithFixedDelay(() -> {
      if (stopping || stop.getCount() == 0 || exitCode != 0 || !s.isRunning()) {
        return; // stopping anyway
      }
      List<String> failed = new ArrayList<>(ServerInternals.of(s).failedListeners().stream().map(Listener::id).toList());
      if (h != null && !h.isServing() && !stopping) {
        failed.add("http");
      }
      if (!failed.isEmpty()) {
        // Not a static logger: the log level is set in call(), before the first logger is made.
        LoggerFactory.getLogger(Main.class).error("listener(s) {} stopped serving; exiting with status {} so that a supervisor restarts fakemail",
            failed, LISTENER_FAILED);
        exitCode = LISTENER_FAILED;
        stop.countDown();
      }
    }, WATCH_PERIOD_MS, WATCH_PERIOD_MS, TimeUnit.MILLISECONDS);
    return watchdog;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /** Stops a server started by {@link #call()} (tests). */
  void stop() {
    stopping = true;
    stop.countDown();
    FakeMailHttpServer h = http;
    if (h != null) {
      h.close();
    }
    FakeMailServer s = server;
    if (s != null) {
      s.close();
    }
  }

  FakeMailServer server() {
    return server;
  }

  FakeMailHttpServer http() {
    return http;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"fakemail " + (v == null ? "development build" : v)};
    }
  }
}
