package dev.fakemail.core;

import dev.fakemail.core.internal.server.ServerInternals;
import static dev.fakemail.core.MessageFilter.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Authentication.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An app → relay service → recipient chain of simulated servers: the relay signs with DKIM, the far
 * end judges SPF by the relay's address from its A record, and DMARC from both. And enforcement.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SenderAuthenticationRelayIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final SimulatedNetwork net = new SimulatedNetwork();
  private final List<FakeMailServer> servers = new ArrayList<>();

  @AfterEach
  void closeAll() {
    servers.forEach(FakeMailServer::close);
  }

  private FakeMailServer started(FakeMailConfig.Builder b) {
    FakeMailServer s = b.start();
    servers.add(s);
    return s;
  }

  /** The far end, mx.far.test, that knows the relay by its published address. */
  private FakeMailServer far(DkimKey published, FakeMailConfig.Builder b) {
    FakeMailServer far = started(b.network(net).hostname("mx.far.test").localDomain("far.test")
        .dnsRecord("mx.relay.test A 192.0.2.25"));
    far.dns().txt(published.recordName(), published.publicKeyRecord());
    far.dns().spf("shop.test", "v=spf1 ip4:192.0.2.25 -all").dmarc("shop.test", "v=DMARC1; p=reject");
    return far;
  }

  private FakeMailServer relay(DkimKey signWith) {
    return started(FakeMailServer.builder().network(net).hostname("mx.relay.test").localDomain("relay.test")
        .dnsRecord("far.test MX 10 mx.far.test").dkimSigning(signWith));
  }

  static void send(FakeMailServer s, String from, String to, String raw) throws IOException {
    SMTPClient c = new SMTPClient();
    c.connect(s.host(), s.smtpPort());
    try {
      c.login("app.shop.test");
      assertThat(c.sendSimpleMessage(from, to, raw)).as("sent; last reply: %s", c.getReplyString()).isTrue();
      c.logout();
    } finally {
      c.disconnect();
    }
  }

  static String message(String subject) {
    return "From: Shop <news@shop.test>\r\nTo: bob@far.test\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "@shop.test>\r\n\r\nYour order shipped.\r\n";
  }

  @Test
  void relaySignsAndTheFarEndSeesDkimSpfAndDmarcPass() throws Exception {
    DkimKey key = DkimKey.generate("shop.test", "relay1");
    FakeMailServer far = far(key, FakeMailServer.builder());
    FakeMailServer relay = relay(key);
    send(relay, "bounce@shop.test", "bob@far.test", message("chain"));
    ReceivedMessage m = far.awaitMessage(subject("chain"), WAIT);
    Authentication a = m.authentication();
    assertThat(a.spf().property("client-ip")).isEqualTo("192.0.2.25");
    assertThat(a.spf().result()).as("%s", a.spf()).isEqualTo(Result.PASS);
    assertThat(a.dkimPassesFor("shop.test")).as("%s", a.dkim()).isTrue();
    assertThat(a.dmarc().result()).isEqualTo(Result.PASS);
    assertThat(m.header("DKIM-Signature")).hasSize(1);
  }

  @Test
  void aBrokenSigningKeyShowsDkimFailAtTheFarEnd() throws Exception {
    DkimKey published = DkimKey.generate("shop.test", "relay1");
    FakeMailServer far = far(published, FakeMailServer.builder());
    FakeMailServer relay = relay(DkimKey.generate("shop.test", "relay1")); // not the published key
    send(relay, "bounce@shop.test", "bob@far.test", message("broken key"));
    Authentication a = far.awaitMessage(subject("broken key"), WAIT).authentication();
    assertThat(a.dkimResult()).isEqualTo(Result.FAIL);
    assertThat(a.spf().result()).isEqualTo(Result.PASS); // still aligned SPF: DMARC passes on it
    assertThat(a.dmarc().result()).isEqualTo(Result.PASS);
  }

  @Test
  void enforcementRejectsSpfFailAndDmarcRejectAndQuarantinesToJunk() throws Exception {
    FakeMailServer mx = started(FakeMailServer.builder().hostname("mx.inbound.test").enforce("dmarc", "spf"));
    mx.dns().spf("spf-fail.test", "v=spf1 ip4:192.0.2.1 -all");
    mx.dns().dmarc("bank.test", "v=DMARC1; p=reject");
    mx.dns().dmarc("shop.test", "v=DMARC1; p=quarantine");
    SMTPClient c = new SMTPClient();
    c.connect(mx.host(), mx.smtpPort());
    try {
      c.login("client.test");
      assertThat(c.sendSimpleMessage("a@spf-fail.test", "bob@inbound.test", "From: a@spf-fail.test\r\nSubject: s\r\n\r\nx\r\n"))
          .isFalse();
      assertThat(c.getReplyString()).startsWith("550 5.7.23");
      assertThat(c.sendSimpleMessage("a@other.test", "bob@inbound.test", "From: ceo@bank.test\r\nSubject: s\r\n\r\nx\r\n"))
          .isFalse();
      assertThat(c.getReplyString()).startsWith("550 5.7.1").contains("bank.test");
      assertThat(c.sendSimpleMessage("a@other.test", "bob@inbound.test",
          "From: news@shop.test\r\nSubject: quarantined\r\n\r\nx\r\n")).as(c.getReplyString()).isTrue();
      assertThat(c.sendSimpleMessage("a@other.test", "bob@inbound.test",
          "From: me@nopolicy.test\r\nSubject: fine\r\n\r\nx\r\n")).as(c.getReplyString()).isTrue();
      c.logout();
    } finally {
      c.disconnect();
    }
    ReceivedMessage q = mx.awaitMessage(subject("quarantined"), WAIT);
    mx.awaitMessage(subject("fine"), WAIT);
    var box = ServerInternals.of(mx).mailboxes().mailbox("bob@inbound.test");
    assertThat(box.folder("Junk").orElseThrow().messages()).extracting(fm -> fm.content().storeId()).containsExactly(q.id());
    assertThat(box.inbox().messages()).hasSize(1);
    assertThat(mx.messages()).hasSize(2);
  }
}
