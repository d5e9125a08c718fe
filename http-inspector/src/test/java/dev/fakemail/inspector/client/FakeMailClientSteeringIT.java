package dev.fakemail.inspector.client;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DeliveryFilter;
import dev.fakemail.core.DnsRecord;
import dev.fakemail.core.FakeMailConfig;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Faults;
import dev.fakemail.core.SimulatedNetwork;
import dev.fakemail.core.User;
import dev.fakemail.inspector.FakeMailHttpServer;
import dev.fakemail.inspector.TestMail;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's fault, DNS, clock, delivery-log and user methods against a running server. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FakeMailClientSteeringIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SimulatedNetwork net = new SimulatedNetwork();
  private FakeMailServer far;
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private FakeMailClient client;

  private void start(FakeMailConfig.Builder builder) {
    mail = builder.start();
    http = FakeMailHttpServer.start(mail);
    client = FakeMailClient.connect(http.baseUri());
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
    }
    if (mail != null) {
      mail.close();
    }
    if (far != null) {
      far.close();
    }
  }

  private void send(String to, String subject) throws MessagingException {
    new TestMail(mail.host(), mail.smtpPort()).text("app@corp.test", to, subject, "x");
  }

  @Test
  void faultsRoundTripAsCoreValues() {
    start(FakeMailServer.builder());
    Fault rule = Fault.at(Fault.Stage.RCPT).to("bob@example.test").reply("452 4.2.2 Mailbox full").times(2).after(1).build();

    Fault added = client.faults().add(rule);

    assertThat(added.id()).isNotEmpty();
    assertThat(added.toBuilder().build()).isEqualTo(rule);
    assertThat(mail.faults().list()).containsExactly(added);
    assertThat(client.faults().list()).containsExactly(added);
  }

  @Test
  void presetsBuiltWithCoreFaultsWorkOverTheClient() {
    start(FakeMailServer.builder());
    Fault grey = client.faults().add(Faults.greylisting(Duration.ofMinutes(5)));
    Fault rate = client.faults().add(Faults.rateLimit(10, Duration.ofMinutes(1)));
    Fault full = client.faults().add(Faults.mailboxFull("full@example.test"));
    Fault delay = client.faults().add(Fault.at(Fault.Stage.EHLO).delay(Duration.ofMillis(5)).probability(0.25, 7));

    assertThat(mail.faults().list()).containsExactly(grey, rate, full, delay);
    assertThat(grey.greylist()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rate.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(full.match().to()).isEqualTo("full@example.test");
    assertThat(delay.seed()).isEqualTo(7);
  }

  @Test
  void faultAddedWithTheClientFailsASendAndRemoveAndClearUndoIt() throws Exception {
    start(FakeMailServer.builder());
    Fault f = client.faults().add(Fault.at(Fault.Stage.MAIL).reply("451 4.3.0 not now"));
    assertThatThrownBy(() -> send("bob@example.test", "refused")).isInstanceOf(MessagingException.class)
        .hasMessageContaining("451");

    assertThat(client.faults().remove(f.id())).isTrue();
    assertThat(client.faults().remove(f.id())).isFalse();
    send("bob@example.test", "accepted");
    assertThat(client.awaitMessage(to("bob@example.test"), WAIT).subject()).isEqualTo("accepted");

    client.faults().add(Fault.at(Fault.Stage.DATA).disconnect());
    client.faults().add(Fault.at(Fault.Stage.RCPT).disconnect());
    client.faults().clear();
    assertThat(client.faults().list()).isEmpty();
  }

  @Test
  void invalidFaultIsRefusedBeforeItIsSent() {
    start(FakeMailServer.builder());
    assertThatThrownBy(() -> client.faults().add(Fault.at(Fault.Stage.RCPT).reply("250 ok")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4xx or 5xx");
    assertThat(mail.faults().list()).isEmpty();
  }

  @Test
  void dnsRecordsAreAddedListedAndRemoved() {
    start(FakeMailServer.builder().dnsRecord("start.test A 192.0.2.1"));

    client.dns().add("Far.Test MX 10 mx.far.test");
    assertThat(mail.dns().records("far.test")).containsExactly(DnsRecord.parse("far.test MX 10 mx.far.test"));
    client.dns().add("far.test MX 20 backup.far.test");
    client.dns().add(new DnsRecord("far.test", "TXT", "v=spf1 -all", 60));

    assertThat(mail.dns().records("far.test")).hasSize(3);
    assertThat(client.dns().records()).isEqualTo(mail.dns().records());
    assertThat(client.dns().remove("far.test MX 20 backup.far.test")).isEqualTo(1);
    assertThat(client.dns().remove("far.test MX")).isEqualTo(1);
    assertThat(client.dns().remove("far.test MX")).isZero();
    assertThat(client.dns().remove("far.test")).isEqualTo(1);
    assertThat(client.dns().clear()).isEqualTo(1);
    assertThat(client.dns().records()).isEmpty();
    client.reset();
    assertThat(client.dns().records()).containsExactly(DnsRecord.parse("start.test A 192.0.2.1"));
    assertThatThrownBy(() -> client.dns().add("far.test A not-an-ip"))
        .isInstanceOf(FakeMailClientException.class).hasMessageContaining("400");
  }

  @Test
  void deliveriesAndTheClockFollowARelayWithARetry() throws Exception {
    far = FakeMailServer.builder().network(net).hostname("mx.far.test").start();
    start(FakeMailServer.builder().network(net).hostname("mx.corp.test").localDomain("corp.test"));
    client.dns().add("far.test MX 10 mx.far.test");
    far.faults().add(Fault.at(Fault.Stage.RCPT).reply("451 4.7.1 later").times(1));

    send("bob@far.test", "relayed");
    mail.awaitDelivery(DeliveryFilter.outcome(DeliveryAttempt.Outcome.DEFERRED), WAIT);
    assertThat(client.deliveries()).singleElement()
        .satisfies(a -> assertThat(a.reply()).startsWith("451 4.7.1"));

    assertThat(client.clock().advance(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    assertThat(client.clock().offset()).isEqualTo(Duration.ofMinutes(1));

    DeliveryAttempt delivered = mail.awaitDelivery(DeliveryFilter.delivered(), WAIT);
    List<DeliveryAttempt> log = client.deliveries();
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).isEqualTo(delivered);
    assertThat(far.awaitMessage(to("bob@far.test"), WAIT).subject()).isEqualTo("relayed");
  }

  @Test
  void usersAreDeclaredListedWithoutPasswordsAndRemoved() throws Exception {
    start(FakeMailServer.builder());
    client.addUser("bob@example.test", "secret");
    client.addUser(new User("carol@example.test", "secret2", "carol"));

    assertThat(client.users()).containsExactly(new User("bob@example.test", "", null), new User("carol@example.test", "", "carol"));
    assertThat(mail.users()).extracting(User::password).containsExactly("secret", "secret2");
    assertThat(client.users().toString()).doesNotContain("secret");
    assertThatThrownBy(() -> send("stranger@example.test", "strict")).isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550 5.1.1");

    assertThat(client.removeUser("carol@example.test")).isTrue();
    assertThat(client.removeUser("carol@example.test")).isFalse();
    assertThat(client.users()).containsExactly(new User("bob@example.test", "", null));
    assertThatThrownBy(() -> client.addUser("nobody", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("local@domain");
  }
}
