package dev.fakemail.testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * The image under test: {@code -Dfakemail.image} / {@code FAKEMAIL_IMAGE} when given (a prebuilt
 * image), else built once per test run from {@code docker/server} (its Dockerfile and the packaged
 * jar), so the ITs always run the code of this checkout. The base is {@code -Dfakemail.baseImage} /
 * {@code FAKEMAIL_BASE_IMAGE}, else the locally made podman base when it exists, else the
 * Dockerfile's public default. Shared through this module's test-jar with the Spring Boot module's
 * container tests.
 */
public final class FakeMailImage {
  static final String TAG = "localhost/fakemail:it";
  static final String LOCAL_BASE = "localhost/fakemail-base:bookworm-jre17";

  private static DockerImageName image;

  private FakeMailImage() {}

  public static synchronized DockerImageName get() {
    if (image == null) {
      String given = setting("fakemail.image", "FAKEMAIL_IMAGE");
      image = DockerImageName.parse(given != null ? given : build());
    }
    return image;
  }

  private static String build() {
    Path context = Path.of(System.getProperty("fakemail.image.context", "../server"));
    Path jar = context.resolve("target/fakemail-server.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run 'mvn package' (the reactor builds docker/server first)");
    }
    ImageFromDockerfile dockerfile = new ImageFromDockerfile(TAG, false)
        .withFileFromPath("Dockerfile", context.resolve("Dockerfile"))
        .withFileFromPath("target/fakemail-server.jar", jar)
        .withFileFromPath("cds-archive.sh", context.resolve("cds-archive.sh"));
    String base = baseImage();
    if (base != null) {
      dockerfile.withBuildArg("BASE_IMAGE", base);
    }
    return dockerfile.get();
  }

  private static String baseImage() {
    String given = setting("fakemail.baseImage", "FAKEMAIL_BASE_IMAGE");
    if (given != null) {
      return given;
    }
    try {
      DockerClientFactory.instance().client().inspectImageCmd(LOCAL_BASE).exec();
      return LOCAL_BASE;
    } catch (RuntimeException absent) {
      return null;
    }
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = System.getenv(env);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }
}
