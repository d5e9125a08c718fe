package dev.fakemail.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Tests that drive an outside program: skipped with the reason when it is absent, failed under CI=true. */
final class ExternalTool {
  private ExternalTool() {}

  static void require(String program, String installHint) {
    String path = System.getenv("PATH");
    boolean found = path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    if (found) {
      return;
    }
    String reason = program + " is not installed (" + installHint + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + "; CI=true requires it");
    }
    Assumptions.assumeTrue(false, reason + "; skipping");
  }
}
