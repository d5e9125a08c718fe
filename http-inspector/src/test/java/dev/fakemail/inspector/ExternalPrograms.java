package dev.fakemail.inspector;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program from outside (chromium): skipped with a reason when it is absent, but
 * failed when {@code CI=true}, where its absence means the CI setup is broken.
 */
final class ExternalPrograms {
  private ExternalPrograms() {}

  static void require(Path program, String installHint) {
    if (Files.isExecutable(program)) {
      return;
    }
    String reason = program + " is not installed (" + installHint + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true but " + reason);
    }
    Assumptions.assumeTrue(false, reason);
  }
}
