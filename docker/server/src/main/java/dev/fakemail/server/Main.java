package dev.fakemail.server;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
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
    FakeMailServer s;
    try {
      s = options.applyTo(FakeMailServer.builder()).start();
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("fakemail: " + e.getMessage());
      return 1;
    }
    server = s;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s.close();
      stop.countDown();
    }, "fakemail-shutdown"));
    for (Map.Entry<Listener, Integer> e : s.ports().entrySet()) {
      out.printf("%-12s %s:%d%n", e.getKey().id(), options.bind, e.getValue());
    }
    if (options.dnsPort != null) {
      out.printf("%-12s %s:%d%n", "dns", options.bind, s.dnsPort());
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

  /** Stops a server started by {@link #call()} (tests). */
  void stop() {
    stop.countDown();
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
