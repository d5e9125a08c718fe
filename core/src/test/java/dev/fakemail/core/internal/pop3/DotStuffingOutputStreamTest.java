package dev.fakemail.core.internal.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DotStuffingOutputStreamTest {
  private static String stuff(String in, int chunk) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DotStuffingOutputStream s = new DotStuffingOutputStream(out);
    byte[] b = in.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < b.length; i += chunk) {
      s.write(b, i, Math.min(chunk, b.length - i));
    }
    s.finish();
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void linesStartingWithADotGetAnotherOneWhateverTheChunking() throws Exception {
    String in = ".first\r\nmid.dle\r\n..two\r\n.\r\nend\r\n";
    String expected = "..first\r\nmid.dle\r\n...two\r\n..\r\nend\r\n.\r\n";
    for (int chunk : new int[] {1, 2, 3, 7, 100}) {
      assertThat(stuff(in, chunk)).as("chunk %d", chunk).isEqualTo(expected);
    }
  }

  @Test
  void aLastLineWithoutLineEndIsEndedBeforeTheTerminator() throws Exception {
    assertThat(stuff("no newline", 4)).isEqualTo("no newline\r\n.\r\n");
    assertThat(stuff("", 1)).isEqualTo(".\r\n");
  }
}
