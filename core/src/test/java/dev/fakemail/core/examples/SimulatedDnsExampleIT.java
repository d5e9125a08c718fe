package dev.fakemail.core.examples;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Authentication;
import dev.fakemail.core.DeliveryAttempt;
import dev.fakemail.core.DeliveryFilter;
import dev.fakemail.core.DkimKey;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.core.SimulatedNetwork;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The README's simulated DNS and relay examples. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatedDnsExampleIT {

  static void send(String host, int port, String from, String to, String subject) throws Exception {
    SMTPClient c = new SMTPClient();
    c.connect(host, port);
    c.login("app.test");
    c.sendSimpleMessage(from, to, "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nhello\r\n");
    c.logout();
    c.disconnect();
  }

  @Test
  void theApplicationLooksUpMxOnTheDnsPort() throws Exception {
    try (FakeMailServer mail = FakeMailServer.builder()
        .dnsPort(0)                                     // UDP and TCP, any free port
        .dnsRecord("customer.test MX 10 mx.customer.test")
        .start()) {
      mail.dns().txt("customer.test", "v=spf1 -all");  // editable while running

      SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
      resolver.setPort(mail.dnsPort());
      Lookup lookup = new Lookup("customer.test.", Type.MX);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] mx = lookup.run();

      assertThat(((MXRecord) mx[0]).getTarget()).hasToString("mx.customer.test.");
    }
  }

  @Test
  void mailForAnotherDomainIsRelayedAndABounceComesBack() throws Exception {
    SimulatedNetwork net = new SimulatedNetwork();
    try (FakeMailServer far = FakeMailServer.builder().network(net).hostname("mx.far.test")
             .user("bob@far.test", "secret")            // strict: only bob has a mailbox
             .start();
         FakeMailServer corp = FakeMailServer.builder().network(net).hostname("mx.corp.test")
             .localDomain("corp.test")                  // everything else is relayed
             .dnsRecord("far.test MX 10 mx.far.test")
             .start()) {
      send(corp.host(), corp.smtpPort(), "alice@corp.test", "bob@far.test", "Hi Bob");
      send(corp.host(), corp.smtpPort(), "alice@corp.test", "nobody@far.test", "Hi nobody");

      ReceivedMessage relayed = far.awaitMessage(to("bob@far.test"));
      assertThat(relayed.header("Received").get(0)).contains("by mx.corp.test");

      ReceivedMessage bounce = corp.awaitMessage(to("alice@corp.test"));   // a DSN, from <>
      assertThat(bounce.rawString()).contains("Status: 5.1.1");
      corp.awaitDelivery(DeliveryFilter.bounced());
      assertThat(corp.deliveries()).extracting(DeliveryAttempt::outcome)
          .containsExactlyInAnyOrder(DeliveryAttempt.Outcome.DELIVERED, DeliveryAttempt.Outcome.BOUNCED);
    }
  }

  @Test
  void theRelaySignsAndTheFarEndChecksSpfDkimAndDmarc() throws Exception {
    SimulatedNetwork net = new SimulatedNetwork();
    DkimKey key = DkimKey.generate("corp.test", "s1");   // corp's mail relay signs with it
    try (FakeMailServer far = FakeMailServer.builder().network(net).hostname("mx.far.test")
             .enforce("dmarc")                          // p=reject failures get 550 5.7.1
             .start();
         FakeMailServer corp = FakeMailServer.builder().network(net).hostname("mx.corp.test")
             .localDomain("corp.test")
             .dnsRecord("far.test MX 10 mx.far.test")
             .dkimSigning(key)
             .start()) {
      // what corp.test publishes, as far.test sees it
      far.dns().a("mx.corp.test", "192.0.2.25")          // SPF sees the relay by this address
          .spf("corp.test", "v=spf1 ip4:192.0.2.25 -all")
          .dmarc("corp.test", "v=DMARC1; p=reject")
          .txt(key.recordName(), key.publicKeyRecord());

      send(corp.host(), corp.smtpPort(), "alice@corp.test", "bob@far.test", "Signed");

      ReceivedMessage m = far.awaitMessage(to("bob@far.test"));
      Authentication auth = m.authentication();
      assertThat(auth.spf().result()).isEqualTo(Authentication.Result.PASS);
      assertThat(auth.dkimPassesFor("corp.test")).isTrue();
      assertThat(auth.dmarc().result()).isEqualTo(Authentication.Result.PASS);
    }
  }

  @Test
  void aDeferredMessageIsRetriedWhenTheTestMovesTheClock() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();                   // free again once closed
    }
    try (FakeMailServer corp = FakeMailServer.builder()
        .localDomain("corp.test")
        .dnsRecord("far.test MX 10 mx.far.test")
        .relayHost("mx.far.test", "127.0.0.1", closedPort) // nothing listens: connection refused, 4xx
        .start()) {
      send(corp.host(), corp.smtpPort(), "alice@corp.test", "bob@far.test", "Later");
      corp.awaitDelivery(DeliveryFilter.deferred());

      corp.clock().advance(Duration.ofMinutes(1));      // the first retry is due now; no waiting

      DeliveryAttempt retry = corp.awaitDelivery(DeliveryFilter.attempt(2));
      assertThat(retry.reply()).startsWith("421 4.4.1");
    }
  }
}
