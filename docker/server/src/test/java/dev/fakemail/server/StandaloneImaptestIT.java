package dev.fakemail.server;

import static dev.fakemail.server.StandaloneServerIT.JAR;
import static dev.fakemail.server.StandaloneServerIT.quiet;
import static dev.fakemail.server.StandaloneServerIT.readUntilReady;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.ExternalProgram;
import dev.fakemail.core.support.ExternalProgram.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dovecot's imaptest (tools/imaptest, the conformance and stress tester IMAP server authors use)
 * against the standalone program: a stress run of 5 clients, then every scripted test group. Any
 * protocol error in the stress run, or any failed group, fails the build; a group may be skipped
 * only because the server does not advertise its extension (imaptest then runs none of its
 * commands). Needs libdovecot (Debian's dovecot-core) and python3.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class StandaloneImaptestIT {
  /** tools/imaptest in the repository, from this module's folder. */
  static final Path IMAPTEST = Path.of("..", "..", "tools", "imaptest").toAbsolutePath().normalize();
  /** Seconds of the stress run. */
  private static final String STRESS_SECONDS = "15";

  @TempDir
  Path dir;

  @Test
  void stressRunHasNoProtocolErrorsAndEveryScriptedGroupPasses() throws Exception {
    ExternalProgram.requireFile(Path.of("/usr/lib/dovecot/libdovecot.so.0"), "dovecot-core");
    ExternalProgram.require("python3");
    ExternalProgram.require("timeout");
    assertThat(IMAPTEST.resolve("imaptest")).as("imaptest in the repository").isExecutable();

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--imap-port", "0"));
    Process server = quiet(new ProcessBuilder(cmd)).redirectError(dir.resolve("server.log").toFile()).start();
    try {
      int port = readUntilReady(server).get("imap");
      Path logs = Files.createDirectories(dir.resolve("imaptest"));
      Result r = ExternalProgram.run(List.of("bash", IMAPTEST.resolve("imaptest-run").toString(), String.valueOf(port)),
          dir, Map.of("IMAPTEST_LOGS", logs.toString(), "IMAPTEST_SECS", STRESS_SECONDS), 540);
      List<String> failed = r.output().lines().filter(l -> l.startsWith("FAIL")).toList();
      assertThat(failed).as(() -> "imaptest failures; output:\n" + r.output() + "\n" + failedGroupLogs(logs, failed))
          .isEmpty();
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("PASS stress run: no protocol errors", "PASS group fetch", "PASS group search-date")
          .containsPattern("\\d+ passed, 0 failed, \\d+ skipped");
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** The start of each failed group's log (the log names the command, what was expected and what came). */
  private static String failedGroupLogs(Path logs, List<String> failed) {
    StringBuilder sb = new StringBuilder();
    for (String line : failed) {
      String[] f = line.split(" ");
      String log = f.length > 2 && f[1].equals("group") ? "group-" + f[2] + ".log" : "stress.log";
      Path p = logs.resolve(log);
      try (Stream<String> lines = Files.lines(p)) {
        sb.append("--- ").append(log).append('\n');
        lines.filter(l -> !l.isBlank()).limit(30).forEach(l -> sb.append(l).append('\n'));
      } catch (IOException | java.io.UncheckedIOException e) {
        sb.append("--- ").append(log).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return sb.toString();
  }
}
