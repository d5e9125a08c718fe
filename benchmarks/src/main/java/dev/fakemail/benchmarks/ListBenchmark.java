package dev.fakemail.benchmarks;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.mailbox.Mailbox;
import dev.fakemail.core.internal.mailbox.MailboxException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * IMAP LIST, LSUB and STATUS in a mailbox of 1,000 / 10,000 / 100,000 folders, over loopback from
 * an in-process server, each answer read to its completion. The folders are {@code dN/fM}: one
 * top-level folder per 100, each with up to 100 children, every tenth subscribed.
 * {@code listAll} ({@code LIST "" *}) and {@code lsubAll} list every folder: their cost must grow
 * linearly (at most 12x from 10,000 to 100,000 folders; it was quadratic, 4.4 s at 10,000).
 * {@code listTopLevel} ({@code LIST "" %}) lists 1 in 100; {@code listOneParent} ({@code LIST "" d7/%})
 * and {@code status} cost the same whatever the mailbox's size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class ListBenchmark {
  @Param({"1000", "10000", "100000"})
  int folders;

  FakeMailServer server;
  Socket imap;
  InputStream in;
  OutputStream out;

  @Setup(Level.Trial)
  public void fill() throws IOException, MailboxException {
    // past the default cap of 10,000 folders per mailbox
    server = FakeMailServer.builder().listeners(Listener.IMAP).maxFolders(2 * folders + 100).start();
    Mailbox box = ServerInternals.of(server).mailboxes().mailbox("b@y.test");
    for (int i = 0; i < folders; i++) {
      String name = "d" + i / 100 + "/f" + i;
      box.create(name);
      if (i % 10 == 0) {
        box.subscribe(name);
      }
    }
    imap = new Socket("127.0.0.1", server.port(Listener.IMAP));
    imap.setTcpNoDelay(true);
    in = new BufferedInputStream(imap.getInputStream(), 1 << 16);
    out = imap.getOutputStream();
    RetrievalBenchmark.readLine(in);
    RetrievalBenchmark.command(out, in, "a LOGIN b@y.test any", "a ");
    int listed = list("LIST \"\" *");
    if (listed < folders) {
      throw new IllegalStateException("LIST * gave " + listed + " of " + folders + " folders");
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    imap.close();
    server.close();
  }

  private final byte[] buffer = new byte[1 << 16];
  private int start;
  private int end;

  /**
   * Sends a command and reads its answer; returns the number of untagged lines. The answer is
   * scanned in the read buffer (no per-octet calls, no string per line), so that what is measured
   * is the server, not this client: 100,000 folders are 5 MB of LIST lines.
   */
  private int list(String command) throws IOException {
    RetrievalBenchmark.send(out, "l " + command);
    int n = 0;
    boolean lineStart = true;
    StringBuilder tagged = null;
    while (true) {
      if (start == end) {
        start = 0;
        end = in.read(buffer);
        if (end < 0) {
          throw new IOException("connection closed");
        }
      }
      if (lineStart && tagged == null && buffer[start] == 'l') {
        tagged = new StringBuilder();
      }
      int nl = start;
      while (nl < end && buffer[nl] != '\n') {
        nl++;
      }
      if (tagged != null) {
        tagged.append(new String(buffer, start, nl - start, java.nio.charset.StandardCharsets.US_ASCII));
        if (nl < end) {
          start = end; // nothing is pipelined behind the completion
          if (!tagged.toString().startsWith("l OK")) {
            throw new IOException(command + ": " + tagged);
          }
          return n;
        }
        start = end;
        continue;
      }
      if (lineStart) {
        n++;
      }
      lineStart = nl < end;
      start = lineStart ? nl + 1 : end;
    }
  }

  @Benchmark
  public int listAll() throws IOException {
    return list("LIST \"\" *");
  }

  @Benchmark
  public int lsubAll() throws IOException {
    return list("LSUB \"\" *");
  }

  @Benchmark
  public int listTopLevel() throws IOException {
    return list("LIST \"\" %");
  }

  @Benchmark
  public int listOneParent() throws IOException {
    return list("LIST \"\" d7/%");
  }

  @Benchmark
  public int status() throws IOException {
    return list("STATUS d7/f750 (MESSAGES UIDNEXT UNSEEN)");
  }

  /**
   * CPU time of this process so far, in nanoseconds: the sum over its threads (GC and compiler
   * threads included) of the run time Linux keeps per thread in {@code /proc/self/task/N/schedstat}.
   * The JDK's {@code getProcessCpuTime} counts clock ticks of 10 ms, 3% of a 0.3 s batch; that
   * quantization alone moved the 10,000 to 100,000 ratio by a whole unit from run to run. Without
   * {@code /proc}, the JDK's figure.
   */
  static long processCpuNanos() {
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
          .getOperatingSystemMXBean()).getProcessCpuTime();
    }
    long sum = 0;
    for (java.io.File task : tasks) {
      try {
        String stat = java.nio.file.Files.readString(new java.io.File(task, "schedstat").toPath());
        sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
      } catch (IOException | RuntimeException e) { // a thread that ended meanwhile
      }
    }
    return sum;
  }

  /** The heap in use after a full collection (collections until it stops shrinking). */
  private static long usedHeap() {
    java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        break;
      }
      used = now;
    }
    return used;
  }

  /**
   * The same as a driver, for a machine shared with other work: one server per size, all filled
   * first, taking turns (a batch of about 0.3 s of one command on each in turn, 15 rounds or
   * {@code -Drounds=N}, after 10 commands of warm-up), so that a slow stretch of the machine hits
   * every size alike. Per size and command: the median wall time and the median CPU time of this
   * process (server, client, GC; see {@link #processCpuNanos}) per command; then the growth from
   * 10,000 to 100,000 folders, both measured in the same run, of the medians and of the least
   * batches (the batch least disturbed by the machine's other work). First, the heap each server
   * takes, per folder.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2) { // a profile run: ListBenchmark FOLDERS COMMAND, 20 s of that command
      ListBenchmark b = new ListBenchmark();
      b.folders = Integer.parseInt(args[0]);
      b.fill();
      long until = System.nanoTime() + 20_000_000_000L;
      int n = 0;
      while (System.nanoTime() < until) {
        b.list(args[1]);
        n++;
      }
      b.stop();
      System.out.println(n + " x " + args[1] + " at " + args[0] + " folders in 20 s");
      return;
    }
    String[] commands = {"LIST \"\" *", "LSUB \"\" *", "LIST \"\" %", "LIST \"\" d7/%", "STATUS d7/f750 (MESSAGES UIDNEXT UNSEEN)"};
    int[] sizes = {1_000, 10_000, 100_000};
    int rounds = Integer.getInteger("rounds", 15);
    ListBenchmark[] servers = new ListBenchmark[sizes.length];
    long heap = usedHeap();
    for (int i = 0; i < sizes.length; i++) {
      servers[i] = new ListBenchmark();
      servers[i].folders = sizes[i];
      servers[i].fill();
      long now = usedHeap();
      System.out.printf("heap for a server with %,d folders: %,d bytes (%,d per folder)%n", sizes[i], now - heap,
          (now - heap) / sizes[i]);
      heap = now;
    }
    double[][] cpuMedian = new double[commands.length][sizes.length];
    double[][] cpuLeast = new double[commands.length][sizes.length];
    System.out.printf("%-44s %8s %8s %12s %12s%n", "command", "folders", "listed", "wall ms p50", "cpu ms p50");
    try {
      for (int c = 0; c < commands.length; c++) {
        int[] listed = new int[sizes.length];
        int[] batch = new int[sizes.length];
        for (int z = 0; z < sizes.length; z++) {
          for (int i = 0; i < 10; i++) {
            listed[z] = servers[z].list(commands[c]);
          }
          long t = System.nanoTime();
          servers[z].list(commands[c]);
          batch[z] = (int) Math.max(1, 300_000_000L / Math.max(1, System.nanoTime() - t));
        }
        double[][] wall = new double[sizes.length][rounds];
        double[][] cpu = new double[sizes.length][rounds];
        for (int round = 0; round < rounds; round++) {
          for (int z = 0; z < sizes.length; z++) {
            long t0 = System.nanoTime();
            long c0 = processCpuNanos();
            for (int k = 0; k < batch[z]; k++) {
              servers[z].list(commands[c]);
            }
            cpu[z][round] = (processCpuNanos() - c0) / 1e6 / batch[z];
            wall[z][round] = (System.nanoTime() - t0) / 1e6 / batch[z];
          }
        }
        for (int z = 0; z < sizes.length; z++) {
          java.util.Arrays.sort(wall[z]);
          java.util.Arrays.sort(cpu[z]);
          cpuMedian[c][z] = cpu[z][rounds / 2];
          cpuLeast[c][z] = cpu[z][0];
          System.out.printf("%-44s %8d %8d %12.3f %12.3f%n", commands[c], sizes[z], listed[z], wall[z][rounds / 2], cpuMedian[c][z]);
        }
      }
    } finally {
      for (ListBenchmark b : servers) {
        b.stop();
      }
    }
    System.out.println();
    for (int c = 0; c < commands.length; c++) {
      System.out.printf("%-44s cpu 10,000 -> 100,000 folders: %.1fx (of the least batches: %.1fx)%n", commands[c],
          cpuMedian[c][2] / cpuMedian[c][1], cpuLeast[c][2] / cpuLeast[c][1]);
    }
  }
}
