package dev.fakemail.benchmarks;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Live heap per stored message: delivers N messages of 1 KiB over SMTP (one connection, like a
 * client that keeps it open), runs a full GC, and reports the heap used beyond the message bytes.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.fakemail.benchmarks.MemoryBenchmark [N]</pre>
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (FakeMailServer server = FakeMailServer.builder().listeners(Listener.SMTP).start()) {
      long before = usedAfterGc(memory);
      String body = "Subject: memory\r\nFrom: a@x.test\r\nTo: b@y.test\r\n\r\n" + "x".repeat(960) + "\r\n";
      int octets = body.getBytes(StandardCharsets.US_ASCII).length;
      try (Socket s = new Socket(server.host(), server.smtpPort())) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        in.readLine();
        out.write("HELO bench\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in.readLine();
        byte[] one = ("MAIL FROM:<a@x.test>\r\nRCPT TO:<b@y.test>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = (body + ".\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
          out.write(one);
          out.flush();
          in.readLine();
          in.readLine();
          in.readLine();
          out.write(data);
          out.flush();
          String reply = in.readLine();
          if (!reply.startsWith("250")) {
            throw new IllegalStateException("message " + i + ": " + reply);
          }
        }
      }
      if (server.messages().size() != n) {
        throw new IllegalStateException("stored " + server.messages().size() + " of " + n);
      }
      long after = usedAfterGc(memory);
      double perMessage = (after - before) / (double) n;
      System.out.printf(Locale.ROOT, "%d messages of %d octets: %.0f bytes of live heap each, %.0f beyond the message bytes%n",
          n, octets, perMessage, perMessage - octets);
    }
  }

  static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
