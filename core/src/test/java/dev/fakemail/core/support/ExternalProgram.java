package dev.fakemail.core.support;

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
 * Runs a command-line program for an interoperability test. A missing program skips the test with
 * the reason, except under {@code CI=true}, where it fails it: CI must run every client.
 */
public final class ExternalProgram {
  private ExternalProgram() {}

  /** What a run produced. */
  public record Result(int exitCode, String output) {}

  /** Skips (or, under CI, fails) the test when {@code program} is not on the PATH. */
  public static void require(String program) {
    if (find(program) != null) {
      return;
    }
    unavailable(program + " is not installed (on Debian: apt-get install " + packageOf(program) + ")");
  }

  /**
   * Skips (or, under CI, fails) the test when {@code file} (a library or data file a program needs)
   * does not exist; {@code debianPackage} is what provides it.
   */
  public static void requireFile(Path file, String debianPackage) {
    if (Files.exists(file)) {
      return;
    }
    unavailable(file + " is missing (on Debian: apt-get install " + debianPackage + ")");
  }

  /**
   * The Python interpreter an installed Python program runs with (its {@code #!} line), which is the
   * one that has the program's modules; skips (or, under CI, fails) the test unless that interpreter
   * can also {@code import} {@code modules} ({@code what} names them for the reason).
   */
  public static String pythonOf(String program, String modules, String what, Path dir)
      throws IOException, InterruptedException {
    require(program);
    String first = Files.readAllLines(find(program)).get(0);
    String python = first.startsWith("#!") ? first.substring(2).strip() : "python3";
    Result probe = run(List.of(python, "-c", "import " + modules), dir, Map.of(), 30);
    if (probe.exitCode() != 0) {
      unavailable(what + " not installed for " + python + ": " + probe.output());
    }
    return python;
  }

  /** Skips the test with the reason, or fails it under {@code CI=true}: CI must run every client. */
  private static void unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + "; CI=true requires it");
    }
    Assumptions.assumeTrue(false, reason);
  }

  /** Whether a program is on the PATH. */
  public static boolean available(String program) {
    return find(program) != null;
  }

  private static Path find(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static String packageOf(String program) {
    return switch (program) {
      case "mbsync" -> "isync";
      case "python3" -> "python3";
      case "timeout" -> "coreutils";
      case "dkimverify" -> "python3-dkim python3-spf";
      default -> program;
    };
  }

  /** Runs the command (stderr merged into stdout), waiting at most {@code seconds}. */
  public static Result run(List<String> command, Path dir, Map<String, String> env, long seconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
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
