package dev.fakemail.benchmarks;

import dev.fakemail.core.internal.mime.ParsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Building the parsed view of a typical multipart/alternative message with one attachment. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ParseBenchmark {
  static final byte[] MESSAGE = ("""
      From: =?UTF-8?Q?Andr=C3=A9?= <andre@x.test>\r
      To: bob@y.test\r
      Subject: =?UTF-8?B?w4ljaGFudGlsbG9u?=\r
      Date: Fri, 27 Nov 2026 10:00:00 +0000\r
      Message-ID: <1@x.test>\r
      MIME-Version: 1.0\r
      Content-Type: multipart/mixed; boundary="outer"\r
      \r
      --outer\r
      Content-Type: multipart/alternative; boundary="inner"\r
      \r
      --inner\r
      Content-Type: text/plain; charset=UTF-8\r
      \r
      Hello Bob, please confirm: https://app.test/confirm?token=abc\r
      --inner\r
      Content-Type: text/html; charset=UTF-8\r
      \r
      <p>Hello Bob, <a href="https://app.test/confirm?token=abc">confirm</a></p>\r
      --inner--\r
      --outer\r
      Content-Type: application/pdf; name="invoice.pdf"\r
      Content-Disposition: attachment; filename="invoice.pdf"\r
      Content-Transfer-Encoding: base64\r
      \r
      JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29kZT4+\r
      --outer--\r
      """).getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public ParsedMessage parse() {
    return ParsedMessage.parse(MESSAGE);
  }
}
