package dev.fakemail.junit5;

import dev.fakemail.core.support.PublicApi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API of fakemail-junit5 is the one recorded in junit-extension/api/fakemail-junit5.api; after an intended change:
 * {@code mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    PublicApi.check("junit-extension", "fakemail-junit5", FakeMail.class, "dev.fakemail.junit5");
  }
}
