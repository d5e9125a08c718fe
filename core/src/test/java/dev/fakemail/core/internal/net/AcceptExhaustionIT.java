package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.ExternalProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    String command = "ulimit -n 256 && exec \"$0\" -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp \"$1\" "
        + FdExhaustionProbe.class.getName();
    Process p = new ProcessBuilder(List.of("bash", "-c", command, java, System.getProperty("java.class.path")))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    assertThat(out).contains("client out of descriptors").contains("serving again: 220 hello").contains("serving=true");
    Matcher failed = Pattern.compile("failed accepts " + "(\\d+)").matcher(out);
    assertThat(failed.find()).as(out).isTrue();
    assertThat(Long.parseLong(failed.group(1))).as("accepts failed several times").isGreaterThanOrEqualTo(3);
    assertThat(count(out, "cannot accept connections")).as("one warning for the episode:%n%s", out).isEqualTo(1);
    assertThat(count(out, "accepts again")).as(out).isEqualTo(1);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
