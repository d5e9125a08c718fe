package dev.fakemail.spring.examples.testcontainers;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The image under test, as docker/testcontainers' ITs find it: {@code -Dfakemail.image} /
 * {@code FAKEMAIL_IMAGE}, else built once from {@code docker/server} ({@code fakemail.image.context}).
 * Without a container runtime the test is skipped with the reason, except under {@code CI=true}.
 */
final class ContainerImage {
  static final String TAG = "localhost/fakemail:it";
  static final String LOCAL_BASE = "localhost/fakemail-base:bookworm-jre17";

  private static DockerImageName image;

  private ContainerImage() {}

  static void requireRuntime() {
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return;
    }
    String reason = "no Docker-compatible container runtime is reachable (DOCKER_HOST=" + System.getenv("DOCKER_HOST")
        + "); start one, e.g. podman's API socket: source docker/podman.sh && podman_setup && podman_service_start";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true: " + reason);
    }
    Assumptions.assumeTrue(false, reason);
  }

  static synchronized DockerImageName get() {
    if (image == null) {
      String given = setting("fakemail.image", "FAKEMAIL_IMAGE");
      image = DockerImageName.parse(given != null ? given : build());
    }
    return image;
  }

  private static String build() {
    Path context = Path.of(System.getProperty("fakemail.image.context", "../docker/server"));
    Path jar = context.resolve("target/fakemail-server.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run 'mvn package' (the reactor builds docker/server first)");
    }
    ImageFromDockerfile dockerfile = new ImageFromDockerfile(TAG, false)
        .withFileFromPath("Dockerfile", context.resolve("Dockerfile"))
        .withFileFromPath("target/fakemail-server.jar", jar)
        .withFileFromPath("cds-archive.sh", context.resolve("cds-archive.sh")); // the Dockerfile's AppCDS step
    String base = setting("fakemail.baseImage", "FAKEMAIL_BASE_IMAGE");
    if (base == null) {
      try {
        DockerClientFactory.instance().client().inspectImageCmd(LOCAL_BASE).exec();
        base = LOCAL_BASE;
      } catch (RuntimeException absent) {
        base = null;
      }
    }
    if (base != null) {
      dockerfile.withBuildArg("BASE_IMAGE", base);
    }
    return dockerfile.get();
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }
}
