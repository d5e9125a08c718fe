package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.assertions.MailAssertions.assertThatMail;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import jakarta.mail.MessagingException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SPF and DMARC records from {@code dnsRecords}, {@code enforce} from the annotation, and the assertions. */
@FakeMail(dnsRecords = {"shop.test TXT v=spf1 ip4:127.0.0.1 -all", "_dmarc.shop.test TXT v=DMARC1; p=reject",
    "bank.test TXT v=spf1 ip4:192.0.2.1 -all", "_dmarc.bank.test TXT v=DMARC1; p=reject"}, enforce = "dmarc")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderAuthenticationIT {

  @Test
  void alignedSpfPassesDmarcAndASpoofIsRejected(FakeMailServer mail) throws Exception {
    Mailer.to(mail.smtpPort()).send("news@shop.test", "bob@example.test", "Order shipped", "x");
    mail.awaitMessage(subject("Order shipped"));
    assertThatMail(mail).hasMessageTo("bob@example.test").passesSpf().passesDmarc();

    assertThatThrownBy(() -> Mailer.to(mail.smtpPort()).send("ceo@bank.test", "bob@example.test", "Wire money", "x"))
        .isInstanceOf(MessagingException.class)
        .hasMessageContaining("5.7.1");
    assertThatMail(mail).hasMessageTo("bob@example.test").hasCount(1);
  }
}
