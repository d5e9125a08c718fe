package dev.fakemail.junit5;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@code localDomains} and {@code dnsRecords}: the simulated DNS configured by the annotation. */
@FakeMail(localDomains = "corp.test", dnsRecords = "far.test MX 10 mx.far.test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatedDnsIT {

  @Test
  @Order(1)
  void mailForADomainWithoutRouteBouncesToTheSender(FakeMailServer mail) throws Exception {
    Mailer.to(mail.smtpPort()).send("alice@corp.test", "bob@nowhere.test", "Hi Bob", "x");

    assertThat(mail.awaitMessage(to("alice@corp.test")).rawString()).contains("Status: 5.4.4");
    assertThat(mail.messages(to("bob@nowhere.test"))).isEmpty();
  }

  @Test
  @Order(2)
  void annotationRecordsAreThereAndRunTimeChangesAreUndoneByTheReset(FakeMailServer mail) {
    assertThat(mail.dns().records("far.test")).extracting(DnsRecord::type).containsExactly("MX");
    mail.dns().a("extra.test", "127.0.0.1");
    assertThat(mail.dns().records("extra.test")).hasSize(1);
  }

  @Test
  @Order(3)
  void nextTestStartsFromTheAnnotationRecords(FakeMailServer mail) {
    assertThat(mail.dns().records("extra.test")).isEmpty();
    assertThat(mail.dns().records("far.test")).hasSize(1);
    assertThat(mail.deliveries()).as("delivery log cleared").isEmpty();
  }
}
