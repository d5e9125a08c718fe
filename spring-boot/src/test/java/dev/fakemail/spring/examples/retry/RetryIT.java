package dev.fakemail.spring.examples.retry;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.spring.EnableFakeMail;
import dev.fakemail.core.FakeMailFault;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailSendException;

/** Greylisting: the first RCPT of each test gets 451, and the application must try again. */
@SpringBootTest(classes = RetryApplication.class)
@EnableFakeMail
@FakeMailFault(stage = Fault.Stage.RCPT, reply = "451 4.7.1 greylisted, try again later", times = 1)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetryIT {
  @Autowired
  Notifier notifier;

  @Autowired
  FakeMailServer mail;

  @Test
  void aGreylistedSendIsRetried() {
    assertThat(notifier.notify("ops@app.test", "disk almost full")).isEqualTo(2);
    assertThat(mail.awaitMessages(to("ops@app.test"), 1, Duration.ofSeconds(10)).get(0).text()).contains("disk almost full");
  }

  @Test
  void theClassRuleIsSetAgainForEachTest() {
    // times = 1 counts per test: the reset before this test set the rule again
    assertThat(notifier.notify("ops@app.test", "again")).isEqualTo(2);
  }

  @Test
  @FakeMailFault(stage = Fault.Stage.RCPT, to = "ops@app.test", reply = "450 4.2.1 mailbox busy")
  void aServerThatKeepsFailingWinsAfterThreeAttempts() {
    assertThatThrownBy(() -> notifier.notify("ops@app.test", "never")).isInstanceOf(MailSendException.class);
    assertThat(mail.messages(to("ops@app.test"))).isEmpty();
  }
}
