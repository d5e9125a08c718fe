package dev.fakemail.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-poll scaling of the standalone server: with 10, 1,000 and 5,000 clients each waiting on
 * {@code GET /api/v1/messages?to=<its own address>&wait=300s}, the latency of an unrelated
 * {@code GET /api/v1/messages?limit=1} (keep-alive, one at a time), the latency of a waiter's answer
 * after its message is stored (from the {@code 250} to DATA to the answer's arrival), and the
 * server's threads and RSS while the waiters are held. Then every waiter gets its message and each
 * must be answered. Before each level, a fresh server is warmed up with 500 polls answered one at a
 * time and 2,000 unrelated calls; the answer latency is sampled on 200 waiters (all of them below 200).
 *
 * <pre>
 * mvn -Pbenchmarks package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.fakemail.benchmarks.LongPollBenchmark [waiters...]
 * </pre>
 */
public final class LongPollBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(LongPollBenchmark.class);
  private static final int UNRELATED_WARMUP = 2_000;
  private static final int UNRELATED_MEASURED = 2_000;
  private static final int ANSWER_SAMPLES = 200;
  private static final int ANSWER_WARMUP = 500;
  private static final int RECIPIENTS_PER_MESSAGE = 1_000;

  private LongPollBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] levels = args.length == 0 ? new int[] {10, 1_000, 5_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Path jar = Path.of(".").toAbsolutePath().normalize().resolve("docker/server/target/fakemail-server.jar");
    if (!Files.exists(jar)) {
      LOG.error("missing {}: run `mvn -Pbenchmarks package -DskipTests` from the project root first", jar);
      System.exit(2);
    }
    List<String> rows = new ArrayList<>();
    for (int n : levels) {
      rows.add(run(jar, n));
    }
    System.out.printf(Locale.ROOT, "%nlong polls held, standalone server (default options), unrelated call = GET /api/v1/messages?limit=1:%n");
    System.out.printf(Locale.ROOT, "| waiters | unrelated p50 ms | unrelated p99 ms | answer after store p50 ms | answer p99 ms "
        + "| server threads | server RSS MB | every waiter answered |%n|---|---|---|---|---|---|---|---|%n");
    rows.forEach(System.out::println);
  }

  private static String run(Path jar, int waiters) throws Exception {
    int[] free = LoadBenchmark.freePorts(2);
    int smtpPort = free[0];
    int httpPort = free[1];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "--bind", "127.0.0.1",
        "--smtp-port", String.valueOf(smtpPort), "--http-port", String.valueOf(httpPort), "--log-level", "warn");
    for (String l : List.of("SUBMISSION", "SMTPS", "POP3", "POP3S", "IMAP", "IMAPS", "DNS")) {
      pb.environment().put("FAKEMAIL_" + l + "_PORT", "off");
    }
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process server = pb.start();
    List<Socket> polls = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); !"ready".equals(line); line = out.readLine()) {
        if (line == null) {
          throw new IOException("the server exited before 'ready'");
        }
      }
      try (Smtp smtp = new Smtp(smtpPort)) { // the answer path, warm: one poll at a time, answered by its message
        for (int i = 0; i < ANSWER_WARMUP; i++) {
          try (Socket s = new Socket("127.0.0.1", httpPort)) {
            s.setSoTimeout(60_000);
            send(s, "GET /api/v1/messages?to=warm" + i + "@bench.test&wait=60s HTTP/1.1\r\nHost: localhost\r\n\r\n");
            smtp.send(List.of("warm" + i + "@bench.test"));
            readAnswer(s.getInputStream());
          }
        }
      }
      LOG.info("{} waiters: opening", waiters);
      for (int i = 0; i < waiters; i++) {
        Socket s = new Socket("127.0.0.1", httpPort);
        s.setSoTimeout(120_000);
        send(s, "GET /api/v1/messages?to=w" + i + "@bench.test&wait=300s HTTP/1.1\r\nHost: localhost\r\n\r\n");
        polls.add(s);
      }

      List<Double> unrelated = new ArrayList<>();
      try (Socket api = new Socket("127.0.0.1", httpPort)) {
        api.setSoTimeout(60_000);
        for (int i = 0; i < UNRELATED_WARMUP + UNRELATED_MEASURED; i++) {
          long t0 = System.nanoTime();
          send(api, "GET /api/v1/messages?limit=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
          int status = readAnswer(api.getInputStream());
          double ms = (System.nanoTime() - t0) / 1e6;
          if (status != 200) {
            throw new IOException("unrelated call answered " + status);
          }
          if (i >= UNRELATED_WARMUP) {
            unrelated.add(ms);
          }
        }
      }
      long threads = procStatus(server.pid(), "Threads:");
      long rssKb = procStatus(server.pid(), "VmRSS:");
      LOG.info("{} waiters: unrelated calls measured; {} server threads, RSS {} MB", waiters, threads, rssKb / 1024);

      List<Double> answers = new ArrayList<>();
      int answered = 0;
      try (Smtp smtp = new Smtp(smtpPort)) {
        int samples = Math.min(ANSWER_SAMPLES, waiters);
        for (int i = 0; i < samples; i++) {
          smtp.send(List.of("w" + i + "@bench.test"));
          long stored = System.nanoTime();
          int status = readAnswer(polls.get(i).getInputStream());
          answers.add((System.nanoTime() - stored) / 1e6);
          if (status == 200) {
            answered++;
          }
        }
        for (int first = samples; first < waiters; first += RECIPIENTS_PER_MESSAGE) {
          List<String> to = new ArrayList<>();
          for (int i = first; i < Math.min(waiters, first + RECIPIENTS_PER_MESSAGE); i++) {
            to.add("w" + i + "@bench.test");
          }
          smtp.send(to);
        }
        for (int i = samples; i < waiters; i++) {
          if (readAnswer(polls.get(i).getInputStream()) == 200) {
            answered++;
          }
        }
      }
      return String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %.2f | %d | %d | %s |", waiters,
          percentile(unrelated, 50), percentile(unrelated, 99), percentile(answers, 50), percentile(answers, 99),
          threads, rssKb / 1024, answered == waiters ? "yes" : "NO: " + answered + " of " + waiters);
    } finally {
      for (Socket s : polls) {
        s.close();
      }
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one HTTP answer (Content-Length framed) and returns its status. */
  private static int readAnswer(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("connection closed before an answer");
    }
    int length = 0;
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return Integer.parseInt(status.split(" ")[1]);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          return line.toString(StandardCharsets.US_ASCII).stripTrailing();
        }
        line.write(b);
      }
    } catch (SocketException reset) {
      // a reset is a close
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static long procStatus(long pid, String field) throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (l.startsWith(field)) {
        return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** One SMTP session, a transaction per {@link #send}, each command waiting for its reply. */
  private static final class Smtp implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Smtp(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(60_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      out = socket.getOutputStream();
      expect("220");
      command("EHLO bench.test", "250");
    }

    /** Sends one message to {@code to}; returns once the server has stored it (250 to the final dot). */
    void send(List<String> to) throws IOException {
      command("MAIL FROM:<sender@bench.test>", "250");
      for (String rcpt : to) {
        command("RCPT TO:<" + rcpt + ">", "250");
      }
      command("DATA", "354");
      command("Subject: bench\r\n\r\nwake up\r\n.", "250");
    }

    private void command(String line, String code) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      expect(code);
    }

    private void expect(String code) throws IOException {
      String reply;
      do {
        reply = in.readLine();
        if (reply == null) {
          throw new IOException("SMTP connection closed");
        }
      } while (reply.length() > 3 && reply.charAt(3) == '-');
      if (!reply.startsWith(code)) {
        throw new IOException("expected " + code + ", got " + reply);
      }
    }

    @Override
    public void close() throws IOException {
      command("QUIT", "221");
      socket.close();
    }
  }
}
