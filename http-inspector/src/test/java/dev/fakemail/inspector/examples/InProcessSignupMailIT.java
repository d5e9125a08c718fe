package dev.fakemail.inspector.examples;

import dev.fakemail.core.MailInspector;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@link SignupMailExample} against the in-process server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessSignupMailIT extends SignupMailExample {
  @Override
  protected MailInspector inspector() {
    return server;
  }
}
