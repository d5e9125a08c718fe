package dev.fakemail.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One {@link FakeMailConfig} value starts any number of servers; {@code builder().start()} is the same thing. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartFromConfigIT {
  @Test
  void oneConfigurationStartsSeveralServers() {
    FakeMailConfig config = FakeMailConfig.builder().listeners(Listener.SMTP, Listener.IMAP).hostname("mx.corp.test").build();
    try (FakeMailServer a = FakeMailServer.start(config); FakeMailServer b = FakeMailServer.start(config)) {
      assertThat(a.config()).isSameAs(config);
      assertThat(b.config()).isSameAs(config);
      assertThat(a.ports().keySet()).containsExactly(Listener.SMTP, Listener.IMAP);
      assertThat(a.smtpPort()).isNotEqualTo(b.smtpPort());
    }
  }

  @Test
  void theBuildersStartIsStartOfItsConfiguration() {
    try (FakeMailServer viaBuilder = FakeMailServer.builder().listeners(Listener.POP3).start();
         FakeMailServer viaValue = FakeMailServer.start(FakeMailConfig.builder().listeners(Listener.POP3).build())) {
      assertThat(viaBuilder.config()).isEqualTo(viaValue.config());
      assertThat(viaBuilder.ports().keySet()).containsExactly(Listener.POP3);
    }
  }

  @Test
  void aVariantMadeWithToBuilderLeavesTheOriginalAlone() {
    FakeMailConfig config = FakeMailConfig.builder().build();
    FakeMailConfig smtpOnly = config.toBuilder().listeners(Listener.SMTP).build();
    try (FakeMailServer mail = FakeMailServer.start(smtpOnly)) {
      assertThat(mail.ports().keySet()).containsExactly(Listener.SMTP);
    }
    assertThat(config.ports().keySet()).isEqualTo(FakeMailConfig.DEFAULT_LISTENERS);
  }
}
