package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.PublicApi;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The public API of fakemail-http-inspector is the one recorded in http-inspector/api/fakemail-http-inspector.api; after an intended change:
 * {@code mvn -q test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dfakemail.api.update=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicApiTest {
  @Test
  void publicApiIsTheRecordedOne() {
    PublicApi.check("http-inspector", "fakemail-http-inspector", FakeMailHttpServer.class, "dev.fakemail.inspector", "dev.fakemail.inspector.client");
  }

  /** The wire model stays internal: no public signature of the server or the client names an internal type. */
  @Test
  void noPublicSignatureNamesAnInternalType() {
    String api = PublicApi.render(FakeMailHttpServer.class, "dev.fakemail.inspector", "dev.fakemail.inspector.client");
    assertThat(api.lines().filter(l -> l.contains(".internal."))).isEmpty();
  }
}
