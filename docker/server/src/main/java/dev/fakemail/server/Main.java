package dev.fakemail.server;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.inspector.FakeMailHttpServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
  @Mixin
  Options options = new Options();

  private final PrintStream out;
  private final CountDownLatch stop;
  private volatile FakeMailServer server;
  private volatile FakeMailHttpServer http;

  Main(PrintStream out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  public static void main(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    Main main = new Main(System.out, stop);
    int code = commandLine(main).execute(args);
    if (code != 0 || main.server == null) {
      System.exit(code);
    }
  }

  static CommandLine commandLine(Main main) {
    CommandLine cl = new CommandLine(main);
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
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.close();
    }
    return 0;
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"fakemail " + (v == null ? "development build" : v)};
    }
  }
}
