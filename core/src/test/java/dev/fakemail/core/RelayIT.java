package dev.fakemail.core;

import dev.fakemail.core.internal.server.ServerInternals;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.DeliveryAttempt.Outcome;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several in-process servers relaying to each other through the simulated DNS and network. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayIT {
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

  /** A server of the network known as {@code hostname}. */
  private FakeMailServer host(String hostname, FakeMailConfig.Builder b) {
    return started(b.network(net).hostname(hostname));
  }

  /** The corp.test server that relays everything else. */
  private FakeMailServer corp(String... dnsRecords) {
    FakeMailConfig.Builder b = FakeMailServer.builder().localDomain("corp.test");
    for (String r : dnsRecords) {
      b.dnsRecord(r);
    }
    return host("mx.corp.test", b);
  }

  static String message(String subject) {
    return "From: Alice <alice@corp.test>\r\nTo: bob@far.test\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + subject.hashCode() + "@corp.test>\r\n\r\nHello Bob,\r\n.a line starting with a dot\r\nbye\r\n";
  }

  static void send(FakeMailServer s, String from, String raw, String... to) throws IOException {
    SMTPClient c = new SMTPClient();
    c.connect(s.host(), s.smtpPort());
    try {
      c.login("client.test");
      assertThat(c.sendSimpleMessage(from, to, raw)).as("sent; last reply: %s", c.getReplyString()).isTrue();
      c.logout();
    } finally {
      c.disconnect();
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static DeliveryAttempt await(FakeMailServer s, String recipient, Outcome outcome) {
    return s.awaitDelivery(DeliveryFilter.to(recipient).and(DeliveryFilter.outcome(outcome)), WAIT);
  }

  private static MimeMessage mime(ReceivedMessage m) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m.raw()));
  }

  @Test
  void mailForAnotherDomainIsRelayedByMxWithATraceHeaderAndTheOriginalBytes() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder());
    FakeMailServer corp = corp("far.test MX 10 mx.far.test");
    List<DeliveryAttempt> seen = new CopyOnWriteArrayList<>();
    corp.onDelivery(seen::add);
    String raw = message("relay me");

    send(corp, "alice@corp.test", raw, "bob@far.test", "carol@corp.test");

    ReceivedMessage atFar = far.awaitMessage(to("bob@far.test"), WAIT);
    String relayed = atFar.rawString();
    assertThat(relayed).startsWith("Received: from client.test ([127.0.0.1])\r\n\tby mx.corp.test (fakemail) with ESMTP id ");
    assertThat(relayed).endsWith(raw);
    assertThat(atFar.envelope().from()).isEqualTo("alice@corp.test");
    assertThat(atFar.envelope().recipientAddresses()).containsExactly("bob@far.test");
    assertThat(atFar.session().helo()).isEqualTo("mx.corp.test");

    ReceivedMessage local = corp.awaitMessage(to("carol@corp.test"), WAIT);
    assertThat(local.rawString()).isEqualTo(raw);
    assertThat(local.envelope().recipientAddresses()).containsExactly("carol@corp.test");
    assertThat(corp.messages(to("bob@far.test"))).isEmpty();

    DeliveryAttempt a = await(corp, "bob@far.test", Outcome.DELIVERED);
    assertThat(a.host()).isEqualTo("mx.far.test");
    assertThat(a.reply()).startsWith("250");
    assertThat(a.messageId()).isEqualTo(local.id());
    assertThat(a.attempt()).isEqualTo(1);
    Awaitility.await().atMost(WAIT).until(() -> seen.contains(a)); // listeners run after the log is written
    assertThat(far.deliveries()).isEmpty();
  }

  @Test
  void threeServersPassMailAlongWithOneTraceHeaderEach() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder());
    host("mx.mid.test", FakeMailServer.builder().localDomain("mid.test").dnsRecord("far.test MX 10 mx.far.test"));
    FakeMailServer corp = corp("far.test MX 10 mx.mid.test");

    send(corp, "alice@corp.test", message("three hops"), "bob@far.test");

    ReceivedMessage m = far.awaitMessage(to("bob@far.test"), WAIT);
    assertThat(m.header("Received")).hasSize(2);
    assertThat(m.header("Received").get(0)).contains("by mx.mid.test");
    assertThat(m.header("Received").get(1)).contains("by mx.corp.test");
    assertThat(m.subject()).isEqualTo("three hops");
  }

  @Test
  void theMostPreferredMxGetsTheMail() throws Exception {
    FakeMailServer primary = host("mx1.far.test", FakeMailServer.builder());
    FakeMailServer backup = host("mx2.far.test", FakeMailServer.builder());
    FakeMailServer corp = corp("far.test MX 20 mx2.far.test", "far.test MX 10 mx1.far.test");

    send(corp, "alice@corp.test", message("preference"), "bob@far.test");

    primary.awaitMessage(to("bob@far.test"), WAIT);
    assertThat(await(corp, "bob@far.test", Outcome.DELIVERED).host()).isEqualTo("mx1.far.test");
    assertThat(backup.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void aRefusedConnectionFallsThroughToTheNextMx() throws Exception {
    FakeMailServer backup = host("mx2.far.test", FakeMailServer.builder());
    FakeMailServer corp = host("mx.corp.test", FakeMailServer.builder().localDomain("corp.test")
        .dnsRecord("far.test MX 10 mx1.far.test").dnsRecord("far.test MX 20 mx2.far.test")
        .relayHost("mx1.far.test", "127.0.0.1", closedPort()));

    send(corp, "alice@corp.test", message("fallback mx"), "bob@far.test");

    backup.awaitMessage(to("bob@far.test"), WAIT);
    assertThat(await(corp, "bob@far.test", Outcome.DELIVERED).host()).isEqualTo("mx2.far.test");
  }

  @Test
  void aDomainWithoutMxIsReachedThroughItsAddressRecord() throws Exception {
    FakeMailServer far = host("far.test", FakeMailServer.builder());
    FakeMailServer corp = corp("far.test A 192.0.2.10");

    send(corp, "alice@corp.test", message("implicit mx"), "bob@far.test");

    far.awaitMessage(to("bob@far.test"), WAIT);
    assertThat(await(corp, "bob@far.test", Outcome.DELIVERED).host()).isEqualTo("far.test");
  }

  @Test
  void aDomainWithoutRouteBouncesWith544() throws Exception {
    FakeMailServer corp = corp();
    String raw = message("nowhere");

    send(corp, "alice@corp.test", raw, "bob@nowhere.test");

    DeliveryAttempt a = await(corp, "bob@nowhere.test", Outcome.BOUNCED);
    assertThat(a.host()).isEmpty();
    assertThat(a.reply()).startsWith("550 5.4.4");
    ReceivedMessage dsn = corp.awaitMessage(to("alice@corp.test"), WAIT);
    assertThat(dsn.envelope().from()).isEmpty();
    assertThat(dsn.rawString()).contains("Status: 5.4.4").contains("Final-Recipient: rfc822; bob@nowhere.test");
  }

  @Test
  void aWaitForADeliveryThatIsNotMadeSaysWhatItExpectedAndWhatWasTried() throws Exception {
    FakeMailServer corp = corp();
    send(corp, "alice@corp.test", message("nowhere"), "bob@nowhere.test");
    corp.awaitDelivery(DeliveryFilter.bounced()); // the default timeout

    DeliveryFilter expected = DeliveryFilter.to("bob@nowhere.test").and(DeliveryFilter.delivered());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> corp.awaitDelivery(expected, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected a delivery attempt matching to(\"bob@nowhere.test\") and outcome(DELIVERED)"
            + " within 200ms, but none of the 1 attempt made matches:")
        .hasMessageContaining("<alice@corp.test> to <bob@nowhere.test> attempt 1 BOUNCED via -: 550 5.4.4")
        .hasMessageEndingWith("lacks: outcome(DELIVERED)");
  }

  @Test
  void aClosedSubscriptionIsNotCalledAgain() throws Exception {
    FakeMailServer corp = corp();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Subscription deliveries = corp.onDelivery(a -> seen.add("delivery " + a.recipient()));
         Subscription messages = corp.onMessage(m -> seen.add("message " + m.envelope().from()))) {
      send(corp, "alice@corp.test", message("first"), "bob@nowhere.test");
      corp.awaitDelivery(DeliveryFilter.to("bob@nowhere.test"));
      Awaitility.await().atMost(WAIT).until(() -> seen.size() == 2); // the bounce, and the attempt
      messages.close(); // twice: once here, once by the try block; neither throws
    }
    send(corp, "alice@corp.test", message("second"), "carol@nowhere.test");
    corp.awaitDelivery(DeliveryFilter.to("carol@nowhere.test"));
    corp.awaitMessages(to("alice@corp.test"), 2, WAIT);
    assertThat(seen).containsExactlyInAnyOrder("delivery bob@nowhere.test", "message ");
  }

  @Test
  void anUnknownUserAtTheFarEndBouncesWithADeliveryStatusReport() throws Exception {
    host("mx.far.test", FakeMailServer.builder().user("bob@far.test", "pw"));
    FakeMailServer corp = corp("far.test MX 10 mx.far.test");

    send(corp, "alice@corp.test", message("who is nobody"), "nobody@far.test");

    DeliveryAttempt a = await(corp, "nobody@far.test", Outcome.BOUNCED);
    assertThat(a.reply()).startsWith("550 5.1.1");
    ReceivedMessage dsn = corp.awaitMessage(to("alice@corp.test"), WAIT);
    assertThat(dsn.envelope().from()).isEmpty();
    assertThat(dsn.subject()).isEqualTo("Undelivered Mail Returned to Sender");

    MimeMessage mime = mime(dsn);
    assertThat(mime.getContentType()).contains("multipart/report").contains("report-type=delivery-status");
    Multipart parts = (Multipart) mime.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    Part status = parts.getBodyPart(1);
    assertThat(status.isMimeType("message/delivery-status")).isTrue();
    String report = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(report).contains("Reporting-MTA: dns; mx.corp.test", "Final-Recipient: rfc822; nobody@far.test",
        "Action: failed", "Status: 5.1.1", "Remote-MTA: dns; mx.far.test", "Diagnostic-Code: smtp; 550 5.1.1");
    Part headers = parts.getBodyPart(2);
    assertThat(headers.isMimeType("text/rfc822-headers")).isTrue();
    String original = new String(headers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(original).contains("Subject: who is nobody").contains("Received: from client.test").doesNotContain("Hello Bob");
  }

  @Test
  void aPermanentFailureAtMailFromBounces() throws Exception {
    FakeMailServer far = started(FakeMailServer.builder().authRequired(true));
    FakeMailServer corp = started(FakeMailServer.builder().localDomain("corp.test").hostname("mx.corp.test")
        .dnsRecord("far.test MX 10 mx.far.test").relayHost("mx.far.test", far.host(), far.submissionPort()));

    send(corp, "alice@corp.test", message("needs auth"), "bob@far.test");

    assertThat(await(corp, "bob@far.test", Outcome.BOUNCED).reply()).startsWith("530 5.7.0");
    assertThat(corp.awaitMessage(to("alice@corp.test"), WAIT).rawString()).contains("Status: 5.7.0");
    assertThat(far.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void aTemporaryFailureIsRetriedWhenTheClockMovesOn() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder().maxMessages(1));
    send(far, "someone@far.test", message("fills the store"), "x@far.test");
    FakeMailServer corp = corp("far.test MX 10 mx.far.test");

    send(corp, "alice@corp.test", message("retry me"), "bob@far.test");

    DeliveryAttempt first = await(corp, "bob@far.test", Outcome.DEFERRED);
    assertThat(first.reply()).startsWith("452 4.3.1");
    assertThat(corp.queuedRelays()).isEqualTo(1);
    far.purge();
    corp.clock().advance(Duration.ofSeconds(30));
    corp.assertNoMessages(to("alice@corp.test"), Duration.ofMillis(200)); // no bounce, and no retry before it is due
    assertThat(corp.deliveries()).hasSize(1);

    corp.clock().advance(Duration.ofSeconds(30));

    DeliveryAttempt second = await(corp, "bob@far.test", Outcome.DELIVERED);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(far.awaitMessage(to("bob@far.test"), WAIT).subject()).isEqualTo("retry me");
    assertThat(corp.messages(to("alice@corp.test"))).isEmpty();
  }

  @Test
  void aMessageDeferredPastTheMaximumAgeBounces() throws Exception {
    FakeMailServer corp = host("mx.corp.test", FakeMailServer.builder().localDomain("corp.test")
        .dnsRecord("far.test MX 10 mx.far.test").relayHost("mx.far.test", "127.0.0.1", closedPort())
        .maxQueueAge(Duration.ofMinutes(10)));

    send(corp, "alice@corp.test", message("expires"), "bob@far.test");
    assertThat(await(corp, "bob@far.test", Outcome.DEFERRED).reply()).startsWith("421 4.4.1");

    corp.clock().advance(Duration.ofMinutes(1));
    corp.awaitDelivery(DeliveryFilter.attempt(2).and(DeliveryFilter.outcome(Outcome.DEFERRED)), WAIT);
    corp.clock().advance(Duration.ofMinutes(5));
    corp.awaitDelivery(DeliveryFilter.attempt(3).and(DeliveryFilter.outcome(Outcome.DEFERRED)), WAIT);
    corp.clock().advance(Duration.ofMinutes(5));

    DeliveryAttempt last = await(corp, "bob@far.test", Outcome.BOUNCED);
    assertThat(last.attempt()).isEqualTo(4);
    assertThat(last.reply()).contains("gave up");
    assertThat(corp.awaitMessage(to("alice@corp.test"), WAIT).rawString()).contains("Status: 4.4.1");
    Awaitility.await().atMost(WAIT).until(() -> corp.queuedRelays() == 0);
  }

  @Test
  void relayThroughASmartHostUsesStartTlsAndAuth() throws Exception {
    FakeMailServer smart = started(FakeMailServer.builder().hostname("smtp.relay.test")
        .user("relay@corp.test", "s3cret").user("bob@far.test", "x"));
    FakeMailServer corp = corp("far.test MX 10 smtp.relay.test");
    corp.close();
    servers.remove(corp);
    corp = started(FakeMailServer.builder().localDomain("corp.test").hostname("mx.corp.test")
        .dnsRecord("far.test MX 10 smtp.relay.test")
        .relayHost("smtp.relay.test", smart.host(), smart.smtpPort(), "relay@corp.test", "s3cret", true));

    send(corp, "alice@corp.test", message("via smart host"), "bob@far.test");

    ReceivedMessage m = smart.awaitMessage(to("bob@far.test"), WAIT);
    assertThat(m.session().authUser()).isEqualTo("relay@corp.test");
    assertThat(m.session().tls()).isTrue();
    assertThat(await(corp, "bob@far.test", Outcome.DELIVERED).host()).isEqualTo("smtp.relay.test");
  }

  @Test
  void aWrongSmartHostPasswordBounces() throws Exception {
    FakeMailServer smart = started(FakeMailServer.builder().user("relay@corp.test", "s3cret"));
    FakeMailServer corp = started(FakeMailServer.builder().localDomain("corp.test").hostname("mx.corp.test")
        .dnsRecord("far.test MX 10 smtp.relay.test")
        .relayHost("smtp.relay.test", smart.host(), smart.smtpPort(), "relay@corp.test", "wrong", true));

    send(corp, "alice@corp.test", message("bad password"), "bob@far.test");

    assertThat(await(corp, "bob@far.test", Outcome.BOUNCED).reply()).startsWith("535 5.7.8");
    assertThat(smart.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void withoutLocalDomainsEveryDomainStaysLocal() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder());
    FakeMailServer plain = host("mx.corp.test", FakeMailServer.builder().dnsRecord("far.test MX 10 mx.far.test"));

    send(plain, "alice@corp.test", message("stays here"), "bob@far.test");

    assertThat(plain.awaitMessage(to("bob@far.test"), WAIT).rawString()).isEqualTo(message("stays here"));
    assertThat(plain.deliveries()).isEmpty();
    assertThat(plain.queuedRelays()).isZero();
    assertThat(far.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void aStrictServerWithLocalDomainsRelaysOtherDomainsButRejectsUnknownLocalUsers() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder());
    // unauthenticated clients relay in strict mode only from a relay network (RelayAccessIT)
    FakeMailServer corp = host("mx.corp.test", FakeMailServer.builder().localDomain("corp.test")
        .user("alice@corp.test", "pw").dnsRecord("far.test MX 10 mx.far.test").relayNetwork("127.0.0.0/8", "::1"));

    send(corp, "alice@corp.test", message("strict relay"), "bob@far.test");
    far.awaitMessage(to("bob@far.test"), WAIT);

    SMTPClient c = new SMTPClient();
    c.connect(corp.host(), corp.smtpPort());
    try {
      c.login("client.test");
      c.setSender("alice@corp.test");
      assertThat(c.addRecipient("nobody@corp.test")).isFalse();
      assertThat(c.getReplyCode()).isEqualTo(550);
      assertThat(SMTPReply.isPositiveCompletion(c.rcpt("<bob@far.test>"))).isTrue();
    } finally {
      c.disconnect();
    }
  }

  @Test
  void aFailureForTheNullSenderIsLoggedButNotBounced() throws Exception {
    FakeMailServer corp = corp();

    send(corp, "", message("double bounce"), "bob@nowhere.test");

    await(corp, "bob@nowhere.test", Outcome.BOUNCED);
    corp.assertNoMessages(MessageFilter.any(), Duration.ofMillis(200));
  }

  @Test
  void resetEmptiesTheQueueAndTheLogAndRestoresDns() throws Exception {
    FakeMailServer corp = host("mx.corp.test", FakeMailServer.builder().localDomain("corp.test")
        .dnsRecord("far.test MX 10 mx.far.test").relayHost("mx.far.test", "127.0.0.1", closedPort()));
    send(corp, "alice@corp.test", message("queued"), "bob@far.test");
    await(corp, "bob@far.test", Outcome.DEFERRED);
    corp.dns().a("extra.test", "192.0.2.1");

    corp.reset();

    assertThat(corp.queuedRelays()).isZero();
    assertThat(corp.deliveries()).isEmpty();
    assertThat(corp.dns().records()).containsExactly(DnsRecord.parse("far.test MX 10 mx.far.test"));
  }

  @Test
  void dnsEditedAtRunTimeChangesTheRoute() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder());
    FakeMailServer corp = corp();
    corp.dns().mx("far.test", 10, "mx.far.test");

    send(corp, "alice@corp.test", message("route added later"), "bob@far.test");

    far.awaitMessage(to("bob@far.test"), WAIT);
  }

  @Test
  void aBounceFromAServerAlongTheWayTravelsBackToTheSendersDomain() throws Exception {
    host("mx.far.test", FakeMailServer.builder().user("bob@far.test", "pw"));
    FakeMailServer mid = host("mx.mid.test", FakeMailServer.builder().localDomain("mid.test")
        .dnsRecord("far.test MX 10 mx.far.test").dnsRecord("corp.test MX 10 mx.corp.test"));
    FakeMailServer corp = corp("far.test MX 10 mx.mid.test");

    send(corp, "alice@corp.test", message("bounce back"), "nobody@far.test");

    ReceivedMessage dsn = corp.awaitMessage(to("alice@corp.test"), WAIT);
    assertThat(dsn.envelope().from()).isEmpty();
    assertThat(dsn.rawString()).contains("Reporting-MTA: dns; mx.mid.test").contains("Status: 5.1.1");
    assertThat(mid.messages(MessageFilter.any())).isEmpty();
  }

  @Test
  void aMailLoopEndsInABounce() throws Exception {
    FakeMailServer corp = corp("far.test MX 10 mx.mid.test");
    host("mx.mid.test", FakeMailServer.builder().localDomain("mid.test")
        .dnsRecord("far.test MX 10 mx.corp.test").dnsRecord("corp.test MX 10 mx.corp.test"));

    send(corp, "alice@corp.test", message("round and round"), "bob@far.test");

    ReceivedMessage dsn = corp.awaitMessage(to("alice@corp.test"), WAIT);
    assertThat(dsn.rawString()).contains("Status: 5.4.6").contains("mail loop");
  }

  @Test
  void relayedAndBouncedMessagesGiveTheirMemoryChargeBack() throws Exception {
    FakeMailServer far = host("mx.far.test", FakeMailServer.builder().user("bob@far.test", "secret"));
    FakeMailServer corp = corp("far.test MX 10 mx.far.test");
    send(corp, "alice@corp.test", message("charged"), "bob@far.test", "nobody@far.test");
    far.awaitMessage(to("bob@far.test"), WAIT);
    ReceivedMessage bounce = corp.awaitMessage(to("alice@corp.test"), WAIT);
    // the relay job is done: what stays charged is the bounce and alice's mailbox, nothing for the queue
    long expected = bounce.size() + dev.fakemail.core.internal.store.MemoryAccount.MESSAGE_OVERHEAD
        + dev.fakemail.core.internal.store.MemoryAccount.MAILBOX_OVERHEAD;
    Awaitility.await().atMost(WAIT).until(() -> ServerInternals.of(corp).memory().used() == expected);
    corp.reset();
    assertThat(ServerInternals.of(corp).memory().used()).isZero();
  }
}
