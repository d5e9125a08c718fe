package dev.fakemail.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code @FakeMail} and {@code FakeMailExtension.builder()} start without settings: every
 * listener, the configuration of {@code FakeMailServer.start()}, as their Javadoc and the README say.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefaultListenersIT {
  @Nested
  @FakeMail
  class Declarative {
    @Test
    void startsEverySevenListeners(FakeMailServer mail, @Pop3Port int pop3, @Pop3sPort int pop3s, @ImapPort int imap,
                                   @ImapsPort int imaps) {
      assertThat(mail.ports().keySet()).containsExactly(Listener.SMTP, Listener.SUBMISSION, Listener.SMTPS,
          Listener.POP3, Listener.POP3S, Listener.IMAP, Listener.IMAPS);
      assertThat(mail.ports().keySet()).isEqualTo(FakeMailConfig.DEFAULT_LISTENERS);
      assertThat(mail.ports().values()).allMatch(port -> port > 0);
      assertThat(new int[] {pop3, pop3s, imap, imaps}).containsExactly(mail.pop3Port(), mail.pop3sPort(), mail.imapPort(),
          mail.imapsPort());
      assertThat(mail.config()).as("the configuration of FakeMailServer.start()").isEqualTo(FakeMailConfig.builder().build());
    }
  }

  @Nested
  class Programmatic {
    @RegisterExtension
    final FakeMailExtension mail = FakeMailExtension.builder().build();

    @Test
    void startsEverySevenListeners() {
      assertThat(mail.server().ports().keySet()).isEqualTo(FakeMailConfig.DEFAULT_LISTENERS);
      assertThat(mail.server().config()).isEqualTo(FakeMailConfig.builder().build());
    }
  }

  @Nested
  class FromAConfigValue {
    private static final FakeMailConfig CONFIG = FakeMailConfig.builder().listeners(Listener.SMTP, Listener.IMAP)
        .user("alice@corp.test", "secret").build();

    @RegisterExtension
    final FakeMailExtension mail = FakeMailExtension.builder().maxMessageSize(1234).config(CONFIG).authRequired(true).build();

    @Test
    void startsWithThatConfigurationAndTheSettingsMadeAfterIt() {
      assertThat(mail.server().config()).isEqualTo(CONFIG.toBuilder().authRequired(true).build());
      assertThat(mail.server().config().maxMessageSize()).as("a setting before config(..) is replaced")
          .isEqualTo(FakeMailConfig.DEFAULT_MAX_MESSAGE_SIZE);
      assertThat(mail.server().ports().keySet()).containsExactly(Listener.SMTP, Listener.IMAP);
    }
  }
}
