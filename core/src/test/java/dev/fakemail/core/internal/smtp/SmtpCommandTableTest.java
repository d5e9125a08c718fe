package dev.fakemail.core.internal.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.internal.protocol.CommandTable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SMTP command table: every verb's command, its states and whether it must leave the event loop. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SmtpCommandTableTest {
  private final CommandTable<SmtpCommand> table = SmtpServer.commandTable();

  @Test
  void theCommandsThatWaitForTheClientOrATlsHandshakeBlock() {
    for (String verb : List.of("AUTH", "STARTTLS", "BDAT", "DATA")) {
      assertThat(table.get(verb).blocks()).as(verb).isTrue();
    }
    for (String verb : List.of("EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP", "VRFY", "EXPN", "HELP", "QUIT")) {
      assertThat(table.get(verb).blocks()).as(verb).isFalse();
      assertThat(table.get(verb).verb()).isEqualTo(verb);
    }
    assertThat(table.get("XYZZY")).isNull();
  }

  @Test
  void statesAreTheConstantsOfSmtpState() {
    assertThat(table.get("MAIL").validIn()).isSameAs(SmtpState.READY_ONLY);
    assertThat(table.get("RCPT").validIn()).isSameAs(SmtpState.IN_TRANSACTION);
    assertThat(table.get("NOOP").validIn()).isSameAs(SmtpState.ANY);
  }
}
