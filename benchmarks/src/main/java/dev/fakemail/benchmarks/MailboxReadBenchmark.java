package dev.fakemail.benchmarks;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.store.StoreFullException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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
 * One message out of a full mailbox, the way a client asks for it: IMAP {@code UID FETCH n BODY.PEEK[]}
 * (the FETCH response with its literal, encoded and sent) and POP3 {@code RETR n} (dot-stuffed), over
 * loopback from an in-process server, with 500 and 10,000 messages in the mailbox. The cost must be
 * flat in the mailbox size: lookups by index, one flush per response.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MailboxReadBenchmark {
  @Param({"500", "10000"})
  int messages;

  FakeMailServer server;
  Socket imap;
  InputStream imapIn;
  OutputStream imapOut;
  Socket pop3;
  InputStream pop3In;
  OutputStream pop3Out;
  final SplittableRandom random = new SplittableRandom(1);

  @Setup(Level.Trial)
  public void fill() throws IOException, StoreFullException {
    server = FakeMailServer.builder().listeners(Listener.IMAP, Listener.POP3).start();
    for (int i = 0; i < messages; i++) {
      server.internals().store().add(StoreBenchmark.message(server.internals().store().nextId(), "b@y.test"));
    }
    imap = connect(server.port(Listener.IMAP));
    imapIn = new BufferedInputStream(imap.getInputStream());
    imapOut = imap.getOutputStream();
    readLine(imapIn);
    command(imapOut, imapIn, "a LOGIN b@y.test any", "a ");
    String select = command(imapOut, imapIn, "b SELECT INBOX", "b ");
    if (!select.contains("* " + messages + " EXISTS")) {
      throw new IllegalStateException("mailbox not full: " + select);
    }
    pop3 = connect(server.port(Listener.POP3));
    pop3In = new BufferedInputStream(pop3.getInputStream());
    pop3Out = pop3.getOutputStream();
    readLine(pop3In);
    command(pop3Out, pop3In, "USER b@y.test", "+OK");
    command(pop3Out, pop3In, "PASS any", "+OK");
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    imap.close();
    pop3.close();
    server.close();
  }

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setTcpNoDelay(true);
    return s;
  }

  @Benchmark
  public int imapUidFetchBody() throws IOException {
    send(imapOut, "f UID FETCH " + (1 + random.nextInt(messages)) + " (BODY.PEEK[])");
    int octets = 0;
    while (true) {
      String line = readLine(imapIn);
      int brace = line.lastIndexOf('{');
      if (brace >= 0 && line.endsWith("}")) {
        int n = Integer.parseInt(line.substring(brace + 1, line.length() - 1));
        octets += imapIn.readNBytes(n).length;
      } else if (line.startsWith("f ")) {
        if (!line.startsWith("f OK") || octets == 0) {
          throw new IllegalStateException(line);
        }
        return octets;
      }
    }
  }

  @Benchmark
  public int pop3Retr() throws IOException {
    send(pop3Out, "RETR " + (1 + random.nextInt(messages)));
    String first = readLine(pop3In);
    if (!first.startsWith("+OK")) {
      throw new IllegalStateException(first);
    }
    int lines = 0;
    while (!readLine(pop3In).equals(".")) {
      lines++;
    }
    return lines;
  }

  private static String command(OutputStream out, InputStream in, String command, String last) throws IOException {
    send(out, command);
    StringBuilder all = new StringBuilder();
    String line;
    do {
      line = readLine(in);
      all.append(line).append('\n');
    } while (!line.startsWith(last));
    return all.toString();
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1) {
      throw new IOException("connection closed");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}
