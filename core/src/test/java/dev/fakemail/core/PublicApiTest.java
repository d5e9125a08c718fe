package dev.fakemail.core;

import dev.fakemail.core.support.PublicApi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API of fakemail-core is the one recorded in core/api/fakemail-core.api; after an intended change:
 * {@code mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    PublicApi.check("core", "fakemail-core", FakeMailServer.class, "dev.fakemail.core", "dev.fakemail.core.assertions");
  }
}
