package dev.fakemail.benchmarks;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP ingestion side by side: fakemail's standalone jar, GreenMail standalone, Wiser and postfix's
 * smtp-sink (which stores nothing: the ceiling), each driven by the same {@code smtp-source} loads.
 * Every stored message is counted afterwards (REST for fakemail, IMAP for GreenMail, in-process for
 * Wiser): a fast run that loses mail is reported as a failure. Prints one table of messages/s,
 * ratios, server CPU seconds and peak RSS.
 *
 * <pre>
 * mvn -Pbenchmarks package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.fakemail.benchmarks.LoadBenchmark [--quick]
 * </pre>
 */
public final class LoadBenchmark {
  /**
   * {@code warmUp}: messages of the same size sent before the measured run, so that every JVM runs
   * C2-compiled code (the per-connection paths reach C2's thresholds after some 10,000 connections;
   * see the README). Sent by {@value #WARM_UP_CLIENTS} clients, so that no server's accept backlog slows it.
   */
  record Load(int clients, int size, int messages, int warmUp) {
    @Override
    public String toString() {
      return (size >= 1024 ? size / 1024 + " KiB" : size + " B") + ", " + clients + (clients == 1 ? " client" : " clients");
    }
  }

  record Result(String target, Load load, double perSecond, double cpuSeconds, long peakRssKb, String verified) {}

  static final int WARM_UP_CLIENTS = 16;

  private final Path fakemailJar;
  private final Path greenmailJar;
  private final Path benchmarksJar;
  private final int runs;
  private static final Logger LOG = LoggerFactory.getLogger(LoadBenchmark.class);
  /** Where the result table goes: it is this program's output (the README copies it); progress and problems are logged. */
  private final PrintStream out = System.out;

  LoadBenchmark(Path fakemailJar, Path greenmailJar, Path benchmarksJar, int runs) {
    this.fakemailJar = fakemailJar;
    this.greenmailJar = greenmailJar;
    this.benchmarksJar = benchmarksJar;
    this.runs = runs;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Arrays.asList(args).contains("--quick");
    Path root = Path.of(".").toAbsolutePath().normalize();
    Path fakemail = root.resolve("docker/server/target/fakemail-server.jar");
    Path greenmail = root.resolve("benchmarks/target/baselines/greenmail-standalone.jar");
    Path self = Path.of(LoadBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (Path p : List.of(fakemail, greenmail)) {
      if (!Files.exists(p)) {
        LOG.error("missing {}: run `mvn -Pbenchmarks package -DskipTests` from the project root first", p);
        System.exit(2);
      }
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/smtp-source"))) {
      LOG.error("smtp-source not found: apt-get install postfix (it provides smtp-source and smtp-sink)");
      System.exit(2);
    }
    List<Load> loads = quick
        ? List.of(new Load(1, 1024, 500, 2000), new Load(16, 1024, 2000, 2000), new Load(64, 1024, 2000, 2000),
            new Load(16, 102400, 300, 300))
        : List.of(new Load(1, 1024, 3000, 20000), new Load(16, 1024, 10000, 20000), new Load(64, 1024, 10000, 20000),
            new Load(16, 102400, 2000, 3000));
    new LoadBenchmark(fakemail, greenmail, self, quick ? 1 : 3).run(loads);
  }

  static final List<String> TARGETS = List.of("smtp-sink", "fakemail", "GreenMail", "Wiser");

  void run(List<Load> loads) throws Exception {
    List<Result> results = new ArrayList<>();
    for (Load load : loads) {
      Map<String, List<Run>> byTarget = new LinkedHashMap<>();
      for (int i = 0; i < runs; i++) { // the servers take turns, so that each sees the same machine
        for (String target : TARGETS) {
          Run r = measureOnce(target, load);
          byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(r);
          LOG.info("{} {} run {}: {} msg/s, cpu {} s, rss {} MB, stored: {}", target, load, i + 1, Math.round(r.perSecond),
              String.format(Locale.ROOT, "%.1f", r.cpuSeconds), r.peakRssKb / 1024, r.verified);
        }
      }
      for (String target : TARGETS) {
        results.add(median(target, load, byTarget.get(target)));
      }
    }
    printTable(results);
    List<Result> failed = results.stream().filter(r -> !r.verified.equals("yes") && !r.verified.startsWith("n/a")).toList();
    if (!failed.isEmpty()) { // a fast run that loses mail is a failed run
      failed.forEach(r -> LOG.error("FAILED: {}, {}: {}", r.target, r.load, r.verified));
      System.exit(1);
    }
  }

  /** One measured run: messages/s, the server's CPU seconds during it, its peak RSS, and whether every message was stored. */
  record Run(double perSecond, double cpuSeconds, long peakRssKb, String verified) {}

  /** The median rate and the CPU of that same run; any run that lost mail marks the cell. */
  static Result median(String target, Load load, List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(Run::perSecond));
    Run mid = sorted.get(sorted.size() / 2);
    String verified = runs.stream().map(Run::verified).filter(v -> !v.equals(mid.verified)).findFirst().orElse(mid.verified);
    long rss = runs.stream().mapToLong(Run::peakRssKb).max().orElse(0);
    return new Result(target, load, mid.perSecond, mid.cpuSeconds, rss, verified);
  }

  Run measureOnce(String target, Load load) throws Exception {
    try (Server s = start(target)) {
      smtpSource(s.smtpPort, new Load(WARM_UP_CLIENTS, load.size, load.warmUp, 0)); // the same warm-up for every server
      long before = s.count();
      double cpuBefore = s.cpuSeconds();
      long t0 = System.nanoTime();
      boolean ok = smtpSource(s.smtpPort, load);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = s.cpuSeconds() - cpuBefore;
      long stored = s.count() - before;
      String verified = !ok ? "smtp-source failed"
          : before < 0 ? "n/a (stores nothing)"
          : stored != load.messages ? "LOST " + (load.messages - stored)
          : "yes";
      return new Run(load.messages / seconds, cpu, s.peakRssKb(), verified);
    }
  }

  boolean smtpSource(int port, Load load) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/sbin/smtp-source", "-s", String.valueOf(load.clients), "-m",
        String.valueOf(load.messages), "-l", String.valueOf(load.size), "-f", "a@x.test", "-t", "b@y.test",
        "127.0.0.1:" + port).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0 || output.contains("fatal")) {
      LOG.warn("smtp-source: exit {} {}", code, output.lines().limit(3).toList());
      return false;
    }
    return true;
  }

  Server start(String target) throws Exception {
    int smtp = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return switch (target) {
      case "fakemail" -> {
        int http = freePort();
        Server s = new Server(new ProcessBuilder(java, "-jar", fakemailJar.toString(), "--smtp-port", String.valueOf(smtp),
            "--submission-port", "off", "--smtps-port", "off", "--pop3-port", "off", "--pop3s-port", "off",
            "--imap-port", "off", "--imaps-port", "off", "--http-port", String.valueOf(http), "--log-level", "warn"),
            smtp, "ready", false);
        s.counter = () -> restCount(http);
        yield s;
      }
      case "GreenMail" -> {
        int imap = freePort();
        Server s = new Server(new ProcessBuilder(java, "-Dgreenmail.smtp.port=" + smtp, "-Dgreenmail.imap.port=" + imap,
            "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled", "-jar", greenmailJar.toString()), smtp, null, false);
        s.counter = () -> imapCount(imap);
        yield s;
      }
      case "Wiser" -> {
        Server s = new Server(new ProcessBuilder(java, "-cp", benchmarksJar.toString(), WiserMain.class.getName(),
            String.valueOf(smtp)), smtp, "ready", true);
        s.counter = s::askCount;
        yield s;
      }
      case "smtp-sink" -> new Server(new ProcessBuilder(sinkCommand(smtp)), smtp, null, false);
      default -> throw new IllegalArgumentException(target);
    };
  }

  /** smtp-sink refuses to run as root without {@code -u}. */
  static List<String> sinkCommand(int port) {
    List<String> cmd = new ArrayList<>(List.of("/usr/sbin/smtp-sink"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "nobody"));
    }
    cmd.addAll(List.of("127.0.0.1:" + port, "1024"));
    return cmd;
  }

  /** A server with its SMTP, IMAP and POP3 listeners, for the retrieval benchmark. */
  Server startWithMailboxes(String target) throws Exception {
    int[] free = freePorts(3);
    int smtp = free[0];
    int imap = free[1];
    int pop3 = free[2];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Server s = switch (target) {
      case "fakemail" -> new Server(new ProcessBuilder(java, "-jar", fakemailJar.toString(), "--smtp-port", String.valueOf(smtp),
          "--submission-port", "off", "--smtps-port", "off", "--pop3-port", String.valueOf(pop3), "--pop3s-port", "off",
          "--imap-port", String.valueOf(imap), "--imaps-port", "off", "--http-port", "off", "--log-level", "warn"),
          smtp, "ready", false);
      case "GreenMail" -> new Server(new ProcessBuilder(java, "-Dgreenmail.smtp.port=" + smtp, "-Dgreenmail.imap.port=" + imap,
          "-Dgreenmail.pop3.port=" + pop3, "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.auth.disabled", "-jar",
          greenmailJar.toString()), smtp, null, false);
      default -> throw new IllegalArgumentException(target);
    };
    s.imapPort = imap;
    s.pop3Port = pop3;
    return s;
  }

  static long restCount(int httpPort) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/api/v1/messages?limit=1")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(r.body());
    if (!m.find()) {
      throw new IOException("no total in " + r.body());
    }
    return Long.parseLong(m.group(1));
  }

  static long imapCount(int imapPort) throws Exception {
    Properties p = new Properties();
    p.put("mail.imap.host", "127.0.0.1");
    p.put("mail.imap.port", String.valueOf(imapPort));
    Store store = Session.getInstance(p).getStore("imap");
    store.connect("b@y.test", "any");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int n = inbox.getMessageCount();
      inbox.close(false);
      return n;
    } finally {
      store.close();
    }
  }

  static int freePort() throws IOException {
    return freePorts(1)[0];
  }

  /** {@code n} distinct free ports: all held open until all are chosen (one at a time, the kernel may give one twice). */
  static int[] freePorts(int n) throws IOException {
    ServerSocket[] held = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        held[i] = new ServerSocket(0);
        ports[i] = held[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        if (s != null) {
          s.close();
        }
      }
    }
  }

  void printTable(List<Result> results) {
    Map<Load, Map<String, Result>> byLoad = new LinkedHashMap<>();
    for (Result r : results) {
      byLoad.computeIfAbsent(r.load, k -> new LinkedHashMap<>()).put(r.target, r);
    }
    out.println();
    out.printf(Locale.ROOT, "%d run(s) per cell (median), each after a warm-up of the same size by %d clients; %s%n", runs,
        WARM_UP_CLIENTS, machine());
    out.println("| load | server | msg/s | vs GreenMail | vs smtp-sink | server CPU s (measured run) | peak RSS MB | every message stored |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<Load, Map<String, Result>> e : byLoad.entrySet()) {
      Result gm = e.getValue().get("GreenMail");
      Result sink = e.getValue().get("smtp-sink");
      for (Result r : e.getValue().values()) {
        out.printf(Locale.ROOT, "| %s | %s | %.0f | %.2f× | %.2f× | %.1f | %d | %s |%n", e.getKey(), r.target, r.perSecond,
            r.perSecond / gm.perSecond, r.perSecond / sink.perSecond, r.cpuSeconds, r.peakRssKb / 1024, r.verified);
      }
    }
  }

  /** Cores, CPU model and Java version, for the table's caption. */
  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException ignored) {
      // not Linux: leave it out
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version");
  }

  /** A server process under test. */
  static final class Server implements AutoCloseable {
    interface Counter {
      long count() throws Exception;
    }

    final Process process;
    final int smtpPort;
    int imapPort;
    int pop3Port;
    Counter counter = () -> -1;
    private final BufferedReader stdout;
    private final PrintWriter stdin;

    /** Starts the process; unless {@code talks} (it answers on stdout), its output is drained and dropped. */
    Server(ProcessBuilder pb, int smtpPort, String readyLine, boolean talks) throws Exception {
      if (talks) {
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      } else {
        pb.redirectErrorStream(true);
      }
      this.process = pb.start();
      this.smtpPort = smtpPort;
      this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      if (readyLine != null) {
        String line;
        while ((line = stdout.readLine()) != null && !line.equals(readyLine)) {
          // listener lines
        }
        if (line == null) {
          throw new IOException("server exited before '" + readyLine + "'");
        }
      } else {
        waitForPort(smtpPort);
      }
      Thread drain = new Thread(() -> {
        try {
          while (stdout.readLine() != null) {
            // keep the pipe from filling
          }
        } catch (IOException ignored) {
          // process ended
        }
      });
      drain.setDaemon(true);
      if (!talks) {
        drain.start();
      }
    }

    private void waitForPort(int port) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            throw new IOException("server exited with " + process.exitValue());
          }
          java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
      }
      throw new IOException("port " + port + " not open after 60 s");
    }

    long count() throws Exception {
      return counter.count();
    }

    synchronized long askCount() throws IOException {
      stdin.println("count");
      return Long.parseLong(stdout.readLine().trim());
    }

    double cpuSeconds() throws IOException {
      String[] f = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ")[1].split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, in USER_HZ (100)
    }

    long peakRssKb() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
      return 0;
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
