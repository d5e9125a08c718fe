package dev.fakemail.benchmarks;

import dev.fakemail.core.Envelope;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SessionInfo;
import dev.fakemail.core.internal.store.MessageStore;
import dev.fakemail.core.internal.store.StoreFullException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store: insert with the recipient index, and a one-recipient query with 100 and 100,000
 * messages stored (the query must cost the same: it is answered from the index).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StoreBenchmark {
  static final byte[] BODY = ("Subject: hello\r\nFrom: a@x.test\r\nTo: b@y.test\r\n\r\n" + "x".repeat(1000) + "\r\n")
      .getBytes(StandardCharsets.US_ASCII);
  static final SessionInfo SESSION = new SessionInfo("bench", Listener.SMTP, "127.0.0.1", "bench", "", "", "");

  @Param({"100", "100000"})
  int stored;

  MessageStore store;
  MessageFilter oneRecipient;

  @Setup(Level.Trial)
  public void fill() throws StoreFullException {
    store = new MessageStore(10_000_000, Long.MAX_VALUE);
    for (int i = 0; i < stored; i++) {
      store.add(message(store.nextId(), "user" + (i % 1000) + "@y.test"));
    }
    store.add(message(store.nextId(), "needle@y.test"));
    oneRecipient = MessageFilter.to("needle@y.test");
    // Settle the heap the fill made (100,000 messages): otherwise the collector's background work
    // on it shares the two cores with the first seconds of measurement and swings them 10x.
    System.gc();
  }

  static ReceivedMessage message(String id, String to) {
    return dev.fakemail.core.internal.CoreAccess.get().message(id, Instant.now(), Envelope.of("a@x.test", List.of(to)), SESSION, BODY, null);
  }

  @Benchmark
  public List<ReceivedMessage> queryOneRecipient() {
    return store.find(oneRecipient);
  }

  @Benchmark
  public void insert() throws StoreFullException {
    // inserts into the filled store; the trial's growth is small against its size
    store.add(message(store.nextId(), "user" + (store.size() % 1000) + "@y.test"));
  }
}
