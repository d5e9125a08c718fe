package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SmtpReplyTest {

  @Test
  void controlCharactersInReplyTextNeverReachTheWire() {
    String wire = new SmtpReply(250, "", List.of("first\rline", "x\n550 forged\u0000\u007f", "tab\tstays")).toWire();
    assertThat(wire).isEqualTo("250-first?line\r\n250-x?550 forged??\r\n250 tab\tstays\r\n");
  }

  /** Found by SmtpCommandFuzzTest: the EHLO domain, echoed in the greeting, carried a bare CR. */
  @Test
  void ehloDomainWithABareCrIsNotEchoedRaw() {
    FakeSession s = new FakeSession();
    String wire = s.run("EHLO evil\r\u001a.test").toWire();
    assertThat(wire.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\u001a");
    assertThat(wire).startsWith("250-mx.fake.test Hello evil??.test");
  }
}
