package dev.fakemail.testcontainers;

import dev.fakemail.core.support.PublicApi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API of fakemail-testcontainers is the one recorded in docker/testcontainers/api/fakemail-testcontainers.api; after an intended change:
 * {@code mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    PublicApi.check("docker/testcontainers", "fakemail-testcontainers", FakeMailContainer.class, "dev.fakemail.testcontainers");
  }
}
