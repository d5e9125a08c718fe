package dev.fakemail.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sessions run on platform threads by default, and on virtual threads on Java 21+ when asked with
 * {@code -Dfakemail.threads=virtual}, chosen at run time from the same Java 17 bytecode. The build
 * runs on 17, so this starts a child JVM of a JDK 21+ (FAKEMAIL_JDK21_HOME, or the Temurin 25 that
 * the build machines have) with the test classpath.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadsIT {

  static Path newerJdk() {
    String env = System.getenv("FAKEMAIL_JDK21_HOME");
    for (String candidate : new String[] {env, "/usr/lib/jvm/temurin-25-jdk-amd64", "/usr/lib/jvm/temurin-21-jdk-amd64"}) {
      if (candidate != null && Files.isExecutable(Path.of(candidate, "bin", "java"))) {
        return Path.of(candidate, "bin", "java");
      }
    }
    return null;
  }

  /** The probe's output, run on a JDK 21+ with the given system properties. */
  private static String probe(String... properties) throws Exception {
    Path java = newerJdk();
    String reason = "no JDK 21+ found (set FAKEMAIL_JDK21_HOME)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(java).as(reason + "; CI=true requires it").isNotNull();
    }
    Assumptions.assumeTrue(java != null, reason);
    List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
    command.addAll(List.of(properties));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualThreadsProbe.class.getName()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void sessionsRunOnVirtualThreadsOnJava21AndLaterWhenAsked() throws Exception {
    assertThat(probe("-D" + SessionThreads.PROPERTY + "=virtual")).contains("virtual=true").contains("available=true");
  }

  @Test
  void sessionsRunOnPlatformThreadsByDefaultOnJava21AndLater() throws Exception {
    assertThat(probe()).contains("virtual=false").contains("available=true");
  }

  @Test
  void onJava17SessionsRunOnPlatformThreads() {
    Assumptions.assumeTrue(Runtime.version().feature() < 21, "this JVM is 21+");
    assertThat(SessionThreads.virtualThreadsAvailable()).isFalse();
  }
}
