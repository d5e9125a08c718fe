package dev.fakemail.junit5.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.junit5.FakeMail;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@FakeMail
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemPropertiesIT {

  @Test
  void appConfiguredFromSystemPropertiesReachesTheServer(FakeMailServer mail) throws Exception {
    String host = System.getProperty("fakemail.smtp.host");
    int port = Integer.parseInt(System.getProperty("fakemail.smtp.port"));
    new SignupService().signUp("bob@example.test", host, port);

    assertEquals("Welcome", mail.awaitMessage(to("bob@example.test")).subject());
  }
}
