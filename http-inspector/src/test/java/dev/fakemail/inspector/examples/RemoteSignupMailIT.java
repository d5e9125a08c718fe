package dev.fakemail.inspector.examples;

import dev.fakemail.core.MailInspector;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.client.FakeMailClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** {@link SignupMailExample} over HTTP: a {@link FakeMailClient} of a {@link FakeMailHttpServer}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteSignupMailIT extends SignupMailExample {
  private FakeMailHttpServer http;

  @Override
  protected MailInspector inspector() {
    http = FakeMailHttpServer.start(server);
    return FakeMailClient.connect(http.baseUri());
  }

  @AfterEach
  void stopHttp() {
    http.close();
  }
}
