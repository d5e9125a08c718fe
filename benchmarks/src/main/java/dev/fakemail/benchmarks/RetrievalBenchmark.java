package dev.fakemail.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Retrieval from one large mailbox, fakemail against GreenMail: the mean cost of one
 * {@code UID FETCH n BODY.PEEK[]} and of one POP3 {@code RETR n}, for random messages, at 500 and
 * at 10,000 messages in the mailbox (the cost should not grow with the mailbox). Raw sockets, one
 * request at a time, so the figure is the server's per-request cost plus a loopback round trip.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.fakemail.benchmarks.RetrievalBenchmark</pre>
 */
public final class RetrievalBenchmark {
  private static final int SAMPLES = 300;
  /** A slow server is sampled for at most this long (GreenMail's FETCH at 10,000 takes seconds each). */
  private static final long BUDGET_NANOS = 20_000_000_000L;

  private RetrievalBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".").toAbsolutePath().normalize();
    LoadBenchmark lb = new LoadBenchmark(root.resolve("docker/server/target/fakemail-server.jar"),
        root.resolve("benchmarks/target/baselines/greenmail-standalone.jar"),
        Path.of(RetrievalBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()), 1);
    System.out.println("| server | messages in the mailbox | IMAP UID FETCH BODY[] (ms each) | POP3 RETR (ms each) |");
    System.out.println("|---|---|---|---|");
    for (String target : List.of("fakemail", "GreenMail")) {
      for (int size : new int[] {500, 10_000}) {
        try (LoadBenchmark.Server s = lb.startWithMailboxes(target)) {
          if (!lb.smtpSource(s.smtpPort, new LoadBenchmark.Load(8, 1024, size, 0))) {
            throw new IllegalStateException("delivery failed");
          }
          double imap = imapFetch(s.imapPort, size);
          double pop3 = pop3Retr(s.pop3Port, size);
          System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", target, size, imap, pop3);
        }
      }
    }
  }

  static double imapFetch(int port, int count) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      readLine(in);
      command(out, in, "a LOGIN b@y.test any", "a ");
      String select = command(out, in, "b SELECT INBOX", "b ");
      if (!select.contains(count + " EXISTS")) {
        throw new IllegalStateException("mailbox not full yet: " + select);
      }
      Random random = new Random(1);
      for (int i = 0; i < 5; i++) { // warm-up
        fetch(out, in, 1 + random.nextInt(count));
      }
      long t0 = System.nanoTime();
      int done = 0;
      while (done < SAMPLES && System.nanoTime() - t0 < BUDGET_NANOS) {
        fetch(out, in, 1 + random.nextInt(count));
        done++;
      }
      return (System.nanoTime() - t0) / 1e6 / done;
    }
  }

  static void fetch(OutputStream out, InputStream in, int uid) throws IOException {
    out.write(("f UID FETCH " + uid + " (BODY.PEEK[])\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      String line = readLine(in);
      int brace = line.lastIndexOf('{');
      if (brace >= 0 && line.endsWith("}")) {
        int n = Integer.parseInt(line.substring(brace + 1, line.length() - 1));
        in.readNBytes(n);
        continue;
      }
      if (line.startsWith("f ")) {
        if (!line.startsWith("f OK")) {
          throw new IllegalStateException(line);
        }
        return;
      }
    }
  }

  static double pop3Retr(int port, int count) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      readLine(in);
      send(out, "USER b@y.test");
      readLine(in);
      send(out, "PASS any");
      String ok = readLine(in);
      if (!ok.startsWith("+OK")) {
        throw new IllegalStateException(ok);
      }
      Random random = new Random(2);
      for (int i = 0; i < 5; i++) {
        retr(out, in, 1 + random.nextInt(count));
      }
      long t0 = System.nanoTime();
      int done = 0;
      while (done < SAMPLES && System.nanoTime() - t0 < BUDGET_NANOS) {
        retr(out, in, 1 + random.nextInt(count));
        done++;
      }
      double ms = (System.nanoTime() - t0) / 1e6 / done;
      send(out, "QUIT");
      return ms;
    }
  }

  static void retr(OutputStream out, InputStream in, int n) throws IOException {
    send(out, "RETR " + n);
    String first = readLine(in);
    if (!first.startsWith("+OK")) {
      throw new IllegalStateException(first);
    }
    while (!readLine(in).equals(".")) {
      // message lines
    }
  }

  static String command(OutputStream out, InputStream in, String command, String tag) throws IOException {
    send(out, command);
    StringBuilder all = new StringBuilder();
    String line;
    do {
      line = readLine(in);
      all.append(line).append('\n');
    } while (!line.startsWith(tag));
    return all.toString();
  }

  static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      throw new IOException("connection closed");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
