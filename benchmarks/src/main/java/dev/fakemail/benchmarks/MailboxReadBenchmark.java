package dev.fakemail.benchmarks;

import dev.fakemail.core.internal.server.ServerInternals;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.internal.store.StoreFullException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
      ServerInternals.of(server).store().add(StoreBenchmark.message(ServerInternals.of(server).store().nextId(), "b@y.test"));
    }
    imap = connect(server.port(Listener.IMAP));
    imapIn = new BufferedInputStream(imap.getInputStream());
    imapOut = imap.getOutputStream();
    RetrievalBenchmark.readLine(imapIn);
    RetrievalBenchmark.command(imapOut, imapIn, "a LOGIN b@y.test any", "a ");
    String select = RetrievalBenchmark.command(imapOut, imapIn, "b SELECT INBOX", "b ");
    if (!select.contains("* " + messages + " EXISTS")) {
      throw new IllegalStateException("mailbox not full: " + select);
    }
    pop3 = connect(server.port(Listener.POP3));
    pop3In = new BufferedInputStream(pop3.getInputStream());
    pop3Out = pop3.getOutputStream();
    RetrievalBenchmark.readLine(pop3In);
    RetrievalBenchmark.command(pop3Out, pop3In, "USER b@y.test", "+OK");
    RetrievalBenchmark.command(pop3Out, pop3In, "PASS any", "+OK");
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
  public void imapUidFetchBody() throws IOException {
    RetrievalBenchmark.fetch(imapOut, imapIn, 1 + random.nextInt(messages));
  }

  /**
   * The same FETCH with its session transcript kept: the transcript is emptied first, so the FETCH
   * response is summarised into a kept line ({@code BODY[] {n octets}}) rather than only counted
   * past the 500-line limit, as it is in {@link #imapUidFetchBody()} after the first 250 calls.
   */
  @Benchmark
  public void imapUidFetchBodyTranscribed() throws IOException {
    ServerInternals.of(server).sessionLog().clear();
    RetrievalBenchmark.fetch(imapOut, imapIn, 1 + random.nextInt(messages));
  }

  @Benchmark
  public void pop3Retr() throws IOException {
    RetrievalBenchmark.retr(pop3Out, pop3In, 1 + random.nextInt(messages));
  }
}
