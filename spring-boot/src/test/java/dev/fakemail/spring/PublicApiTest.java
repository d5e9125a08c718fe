package dev.fakemail.spring;

import dev.fakemail.core.support.PublicApi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API of fakemail-spring-boot-test is the one recorded in spring-boot/api/fakemail-spring-boot-test.api;
 * after an intended change:
 * {@code mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    PublicApi.check("spring-boot", "fakemail-spring-boot-test", EnableFakeMail.class, "dev.fakemail.spring");
  }
}
