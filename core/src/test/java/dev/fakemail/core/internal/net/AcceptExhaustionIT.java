package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.ExternalProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Out of file descriptors ({@code EMFILE}), the accept loop backs off and recovers: a child JVM
 * under {@code ulimit -n 256} fills its descriptors with connections to its own listener, frees
 * half, and is served again; the failing accepts are logged once for the whole episode.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AcceptExhaustionIT {

  @Test
  void acceptsOutOfDescriptorsBackOffLogOnceAndRecover() throws Exception {
    ExternalProgram.require("bash");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "ulimit -n 256 && exec \"$0\" -Dorg.slf4j.simpleLogger.defaultLogLevel=info "
        + "-Dorg.slf4j.simpleLogger.logFile=System.out -cp \"$1\" " + FdExhaustionProbe.class.getName();
    Process p = new ProcessBuilder(List.of("bash", "-c", command, java, System.getProperty("java.class.path")))
        .redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    BufferedReader child = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter to = new PrintWriter(p.getOutputStream(), true, StandardCharsets.US_ASCII);
    List<Socket> clients = new ArrayList<>();
    try {
      int port = Integer.parseInt(readUntil(child, out, "port ").substring(5).trim());
      readUntil(child, out, "full after");
      for (int i = 0; i < 5; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port); // queued: the child cannot accept
        s.setSoTimeout(20_000);
        clients.add(s);
      }
      to.println("wait");
      long failed = Long.parseLong(readUntil(child, out, "failed accepts ").substring(15).trim());
      assertThat(failed).as("accepts failed several times, backing off:%n%s", out).isGreaterThanOrEqualTo(3);

      to.println("free");
      readUntil(child, out, "freed");
      for (Socket s : clients) {
        String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        assertThat(greeting).as("served once descriptors are free:%n%s", out).isEqualTo("220 hello");
      }
      to.println("quit");
      readUntil(child, out, "serving=true");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(p.exitValue()).as(out.toString()).isZero();
    } finally {
      for (Socket s : clients) {
        s.close();
      }
      p.destroyForcibly();
    }
    assertThat(count(out.toString(), "cannot accept connections")).as("one warning for the episode:%n%s", out).isEqualTo(1);
    assertThat(count(out.toString(), "accepts again")).as(out.toString()).isEqualTo(1);
  }

  /** Reads the child's lines into {@code out} until one starts with {@code prefix}; returns it. */
  private static String readUntil(BufferedReader child, StringBuilder out, String prefix) throws IOException {
    for (String line = child.readLine(); line != null; line = child.readLine()) {
      out.append(line).append('\n');
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("the child ended before '" + prefix + "':\n" + out);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
