package dev.fakemail.core.internal.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DATA reading against a plain reference implementation, with the input split at every kind of boundary. */
class ConnectionInputTest {
  /** Hands out at most a random number of octets per read, so states straddle buffer fills. */
  private static InputStream trickle(byte[] data, Random random, int maxRead) {
    return new InputStream() {
      int at;

      @Override
      public int read() {
        return at < data.length ? data[at++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= data.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, data.length - at), 1 + random.nextInt(maxRead));
        System.arraycopy(data, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  /** RFC 5321 §4.5.2, read literally: the end is "." alone on a line; a line's leading dot is dropped. */
  private static byte[] reference(byte[] in, int[] consumed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean lineStart = true;
    int i = 0;
    while (true) {
      if (lineStart && in[i] == '.') {
        if (in[i + 1] == '\r' && in[i + 2] == '\n') {
          consumed[0] = i + 3;
          return out.toByteArray();
        }
        i++;
        lineStart = false;
        continue;
      }
      out.write(in[i]);
      lineStart = in[i] == '\n' && i > 0 && in[i - 1] == '\r';
      i++;
    }
  }

  @Test
  void dataMatchesTheReferenceWhereverTheReadsSplitIt() throws IOException {
    byte[] alphabet = ".\r\na".getBytes(StandardCharsets.US_ASCII);
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      int length = random.nextInt(round < 2000 ? 40 : 40_000);
      byte[] body = new byte[length];
      for (int i = 0; i < length; i++) {
        body[i] = random.nextInt(4) == 0 ? (byte) 'x' : alphabet[random.nextInt(alphabet.length)];
      }
      byte[] tail = "\r\n.\r\nNEXT\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] wire = Arrays.copyOf(body, length + tail.length);
      System.arraycopy(tail, 0, wire, length, tail.length);

      int[] consumed = new int[1];
      byte[] expected = reference(wire, consumed);
      ConnectionInput input = new ConnectionInput(trickle(wire, random, 1 + random.nextInt(round % 2 == 0 ? 4 : 20_000)), () -> { });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long total = input.readDotTerminated(out, Long.MAX_VALUE);

      assertArrayEquals(expected, out.toByteArray(), "round " + round);
      assertEquals(expected.length, total, "round " + round);
      String rest = new String(wire, consumed[0], wire.length - consumed[0], StandardCharsets.US_ASCII);
      String nextLine = rest.substring(0, rest.indexOf('\n')); // a command line may end at a bare LF
      assertEquals(nextLine.endsWith("\r") ? nextLine.substring(0, nextLine.length() - 1) : nextLine, input.readLine(2048),
          "what follows the data, round " + round);
    }
  }

  @Test
  void dataBeyondTheLimitIsCountedButNotKept() throws IOException {
    byte[] wire = "0123456789\r\n..abc\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
    ConnectionInput input = new ConnectionInput(trickle(wire, new Random(1), 3), () -> { });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(18, input.readDotTerminated(out, 5));
    assertEquals("01234", out.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void linesAreUtf8AndLinesThatAreNotAreLatin1() throws Exception {
    byte[] utf8 = "MAIL FROM:<jörg@bücher.test>\r\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("MAIL FROM:<jörg@bücher.test>", ConnectionInput.decodeLine(utf8, 0, utf8.length - 1, 100));
    byte[] latin1 = "a SEARCH SUBJECT \"köln\"\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("a SEARCH SUBJECT \"köln\"", ConnectionInput.decodeLine(latin1, 0, latin1.length - 1, 100));
    byte[] ascii = "NOOP\n".getBytes(StandardCharsets.US_ASCII);
    assertEquals("NOOP", ConnectionInput.decodeLine(ascii, 0, 4, 100));
  }
}
