package dev.fakemail.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** fakemail's modules reach a server's parts through {@link ServerInternals}, and nothing else can take that over. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServerInternalsIT {
  @Test
  void eachServerHasItsOwnAssembly() {
    try (FakeMailServer a = FakeMailServer.builder().listeners(Listener.SMTP).start();
         FakeMailServer b = FakeMailServer.builder().listeners(Listener.SMTP).start()) {
      assertThat(ServerInternals.of(a)).isSameAs(ServerInternals.of(a)).isNotSameAs(ServerInternals.of(b));
      assertThat(ServerInternals.of(a).port(Listener.SMTP)).isEqualTo(a.smtpPort());
      assertThat(ServerInternals.of(a).port(Listener.IMAP)).isEqualTo(-1);
      assertThat(ServerInternals.of(a).store()).isNotSameAs(ServerInternals.of(b).store());
    }
  }

  @Test
  void accessIsGrantedOnceByTheServer() {
    FakeMailServer.builder().listeners(Listener.SMTP).start().close(); // FakeMailServer initialized
    assertThatThrownBy(() -> ServerInternals.grant(server -> null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("granted already");
  }
}
