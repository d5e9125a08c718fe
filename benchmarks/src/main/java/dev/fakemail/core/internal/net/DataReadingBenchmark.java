package dev.fakemail.core.internal.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The connection layer's hot paths: command lines, and DATA with dot-unstuffing, from a buffer. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DataReadingBenchmark {
  @Param({"1024", "102400"})
  int size;

  byte[] data;
  byte[] commands;

  @Setup
  public void prepare() {
    StringBuilder sb = new StringBuilder();
    int line = 0;
    while (sb.length() < size) {
      sb.append(line++ % 10 == 0 ? ".leading dot line " : "an ordinary line of text in the body ").append(line).append("\r\n");
    }
    sb.append(".\r\n");
    data = sb.toString().getBytes(StandardCharsets.US_ASCII);
    commands = "MAIL FROM:<a@x.test> SIZE=1024\r\nRCPT TO:<b@y.test>\r\nRCPT TO:<c@y.test>\r\nDATA\r\n".repeat(100)
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Benchmark
  public long readData() throws IOException {
    ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(data), () -> { });
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
    return in.readDotTerminated(out, Long.MAX_VALUE);
  }

  @Benchmark
  public int readCommandLines() throws IOException {
    ConnectionInput in = new ConnectionInput(new ByteArrayInputStream(commands), () -> { });
    int n = 0;
    while (in.readLine(2048) != null) {
      n++;
    }
    return n;
  }
}
