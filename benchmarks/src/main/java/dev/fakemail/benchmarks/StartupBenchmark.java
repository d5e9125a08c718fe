package dev.fakemail.benchmarks;

import dev.fakemail.core.FakeMailServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up, side by side: the standalone jar of fakemail and GreenMail standalone, each with all of
 * its mail listeners and its HTTP API, timed from the process launch until every port accepts a
 * connection; then an in-process {@link FakeMailServer} with all listeners, warm.
 *
 * <pre>
 * mvn -Pbenchmarks package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.fakemail.benchmarks.StartupBenchmark [runs]
 * </pre>
 */
public final class StartupBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(StartupBenchmark.class);
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path root = Path.of(".").toAbsolutePath().normalize();
    Path fakemail = root.resolve("docker/server/target/fakemail-server.jar");
    Path greenmail = root.resolve("benchmarks/target/baselines/greenmail-standalone.jar");
    for (Path p : List.of(fakemail, greenmail)) {
      if (!Files.exists(p)) {
        LOG.error("missing {}: run `mvn -Pbenchmarks package -DskipTests` from the project root first", p);
        System.exit(2);
      }
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The image's JVM flags, and its AppCDS archive made by the image's own script, on free ports.
    List<String> imageFlags = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    Path jsa = Files.createTempDirectory("fakemail-cds").resolve("fakemail.jsa");
    cdsArchive(root.resolve("docker/server/cds-archive.sh"), fakemail, jsa);
    List<String> cdsFlags = concat(imageFlags, "-XX:SharedArchiveFile=" + jsa);
    List<Double> ours = new ArrayList<>();
    List<Double> oursImage = new ArrayList<>();
    List<Double> oursCds = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    for (int i = 0; i < runs; i++) { // alternate, so that all see the same machine
      int[] p = ports(8);
      ours.add(time(fakemail(java, fakemail, List.of(), p), p));
      p = ports(8);
      oursImage.add(time(fakemail(java, fakemail, imageFlags, p), p));
      p = ports(8);
      oursCds.add(time(fakemail(java, fakemail, cdsFlags, p), p));
      int[] q = ports(7);
      theirs.add(time(new ProcessBuilder(java, "-Dgreenmail.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + q[0],
          "-Dgreenmail.smtps.port=" + q[1], "-Dgreenmail.pop3.port=" + q[2], "-Dgreenmail.pop3s.port=" + q[3],
          "-Dgreenmail.imap.port=" + q[4], "-Dgreenmail.imaps.port=" + q[5], "-Dgreenmail.api.hostname=127.0.0.1",
          "-Dgreenmail.api.port=" + q[6], "-jar", greenmail.toString()), q));
      LOG.info("run {}: fakemail {} ms (image flags {} ms, and AppCDS {} ms), GreenMail {} ms", i + 1,
          Math.round(ours.get(i)), Math.round(oursImage.get(i)), Math.round(oursCds.get(i)), Math.round(theirs.get(i)));
    }
    Files.deleteIfExists(jsa);
    Files.deleteIfExists(jsa.getParent());
    double a = median(ours);
    double b = median(theirs);
    // The tables are this program's output (the README copies them); progress and problems are logged.
    System.out.printf(Locale.ROOT, "%nstandalone, launch to every port accepting (median of %d):%n", runs);
    System.out.printf(Locale.ROOT, "| server | listeners | ms | vs GreenMail |%n|---|---|---|---|%n");
    System.out.printf(Locale.ROOT, "| fakemail | 7 mail + HTTP | %.0f | %.2f× |%n", a, a / b);
    System.out.printf(Locale.ROOT, "| GreenMail | 6 mail + API | %.0f | 1.00× |%n", b);
    System.out.printf(Locale.ROOT, "%nthe image's JVM flags (C1 only, serial GC), without and with its AppCDS archive (median of %d):%n"
        + "| fakemail | ms |%n|---|---|%n| default flags | %.0f |%n| image flags | %.0f |%n| image flags + AppCDS | %.0f |%n",
        runs, a, median(oursImage), median(oursCds));

    List<Double> start = new ArrayList<>();
    List<Double> startStop = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long t0 = System.nanoTime();
      FakeMailServer server = FakeMailServer.start();
      long t1 = System.nanoTime();
      server.close();
      long t2 = System.nanoTime();
      if (i >= 100) { // the first hundred warm the JIT up
        start.add((t1 - t0) / 1e6);
        startStop.add((t2 - t0) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT, "%nin-process FakeMailServer.start(), all 7 listeners, warm (median of 200): start %.2f ms, "
        + "start + close %.2f ms%n", median(start), median(startStop));
  }

  private static ProcessBuilder fakemail(String java, Path jar, List<String> jvmFlags, int[] p) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", jar.toString(), "--smtp-port", s(p[0]), "--submission-port", s(p[1]),
        "--smtps-port", s(p[2]), "--pop3-port", s(p[3]), "--pop3s-port", s(p[4]), "--imap-port", s(p[5]),
        "--imaps-port", s(p[6]), "--http-port", s(p[7])));
    return new ProcessBuilder(command);
  }

  /** Runs {@code docker/server/cds-archive.sh}: the archive the image is built with, made the same way. */
  private static void cdsArchive(Path script, Path jar, Path jsa) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), jar.toString(), jsa.toString());
    pb.environment().put("FAKEMAIL_HTTP_PORT", s(LoadBenchmark.freePort()));
    for (String listener : List.of("SMTP", "SUBMISSION", "SMTPS", "POP3", "POP3S", "IMAP", "IMAPS")) {
      pb.environment().put("FAKEMAIL_" + listener + "_PORT", "0");
    }
    Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0 || !Files.exists(jsa)) {
      throw new IOException(pb.command() + " failed with " + p.exitValue());
    }
  }

  private static List<String> concat(List<String> list, String more) {
    List<String> all = new ArrayList<>(list);
    all.add(more);
    return all;
  }

  private static String s(int port) {
    return String.valueOf(port);
  }

  private static int[] ports(int n) throws IOException {
    return LoadBenchmark.freePorts(n);
  }

  /** Milliseconds from the launch until every port accepts a connection. */
  private static double time(ProcessBuilder pb, int[] ports) throws Exception {
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long t0 = System.nanoTime();
    Process process = pb.start();
    try {
      for (int port : ports) {
        while (!accepts(port)) {
          if (!process.isAlive()) {
            throw new IOException(pb.command() + " exited with " + process.exitValue());
          }
          if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
            throw new IOException("port " + port + " not open after 60 s: " + pb.command());
          }
          LockSupport.parkNanos(1_000_000L);
        }
      }
      return (System.nanoTime() - t0) / 1e6;
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
