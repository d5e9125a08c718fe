package dev.fakemail.testcontainers;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker-compatible container runtime is reachable. Tests skip without one, with the
 * reason, except under {@code CI=true}, where its absence fails them (.ci/run starts podman's socket).
 */
public final class ContainerRuntime {
  private ContainerRuntime() {}

  public static void require() {
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
}
