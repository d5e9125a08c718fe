package dev.fakemail.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command-line program for a test against the standalone program (the same rule as core's
 * test helper, which this module cannot see): a missing program skips the test with the reason,
 * except under {@code CI=true}, where it fails it.
 */
final class ExternalProgram {
  private ExternalProgram() {}

  /** What a run produced (stderr merged into stdout). */
  record Result(int exitCode, String output) {}

  /** Skips (or, under CI, fails) the test when {@code program} is not on the PATH. */
  static void require(String program) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, program))) {
          return;
        }
      }
    }
    String reason = program + " is not installed (on Debian: apt-get install "
        + (program.equals("mbsync") ? "isync" : program) + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + "; CI=true requires it");
    }
    Assumptions.assumeTrue(false, reason);
  }

  /** Runs the command in {@code dir} with {@code HOME=dir}, waiting at most {@code seconds}. */
  static Result run(List<String> command, Path dir, long seconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", dir.toString());
    Path log = Files.createTempFile(dir, "out", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + seconds + " s; output:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
