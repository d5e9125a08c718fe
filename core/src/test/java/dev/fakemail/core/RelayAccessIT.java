package dev.fakemail.core;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.support.Conversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No open relay (issue 16): in strict mode, on every SMTP listener, a session that has not
 * authenticated gets {@code 550 5.7.1} at RCPT for a recipient outside the local domains, unless its
 * client address is in a relay network; here the relayed mail would go to a smart host
 * ({@code relayHost}), which must receive nothing. Open mode and local recipients are unchanged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayAccessIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final List<Listener> SMTP_LISTENERS = List.of(Listener.SMTP, Listener.SUBMISSION, Listener.SMTPS);
  private final List<FakeMailServer> servers = new ArrayList<>();
  private FakeMailServer smart;

  @BeforeEach
  void startSmartHost() {
    smart = started(FakeMailServer.builder().hostname("smtp.relay.test"));
  }

  @AfterEach
  void closeAll() {
    servers.forEach(FakeMailServer::close);
  }

  private FakeMailServer started(FakeMailConfig.Builder b) {
    FakeMailServer s = b.start();
    servers.add(s);
    return s;
  }

  /** corp.test, relaying every other domain through the smart host; strict when users are given. */
  private FakeMailServer corp(FakeMailConfig.Builder b) {
    return started(b.localDomain("corp.test").hostname("mx.corp.test")
        .dnsRecord("far.test MX 10 smtp.relay.test")
        .relayHost("smtp.relay.test", smart.host(), smart.smtpPort()));
  }

  private static FakeMailConfig.Builder strict() {
    return FakeMailServer.builder().user("alice@corp.test", "pw");
  }

  private static Conversation open(FakeMailServer s, Listener l) throws IOException {
    Conversation c = l.implicitTls() ? Conversation.openTls(s.tls().clientSslContext(), s.host(), s.port(l))
        : Conversation.open(s.host(), s.port(l));
    c.expect("220");
    c.send("EHLO client.test").until("250 ");
    return c;
  }

  private static void auth(Conversation c) throws IOException {
    String plain = Base64.getEncoder().encodeToString("\0alice@corp.test\0pw".getBytes(StandardCharsets.UTF_8));
    c.send("AUTH PLAIN " + plain).expect("235");
  }

  private static void data(Conversation c, String subject) throws IOException {
    c.send("DATA").expect("354");
    c.send("Subject: " + subject).send("").send("hello").send(".").expect("250");
  }

  @ParameterizedTest
  @EnumSource(value = Listener.class, names = {"SMTP", "SUBMISSION", "SMTPS"})
  void anUnauthenticatedSessionCannotRelayOnAnyListener(Listener listener) throws Exception {
    FakeMailServer corp = corp(strict());
    try (Conversation c = open(corp, listener)) {
      c.send("MAIL FROM:<spammer@elsewhere.test>").expect("250");
      assertThat(c.send("RCPT TO:<victim@far.test>").line()).isEqualTo("550 5.7.1 Relay access denied: authenticate first");
      c.send("RCPT TO:<alice@corp.test>").expect("250");
      data(c, "local only");
    }
    corp.awaitMessage(to("alice@corp.test"), WAIT);
    assertThat(corp.queuedRelays()).as("nothing queued for relay").isZero();
    assertThat(corp.deliveries()).as("no relay attempt").isEmpty();
    assertThat(smart.messages(MessageFilter.any())).as("the smart host got nothing").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = Listener.class, names = {"SMTP", "SUBMISSION", "SMTPS"})
  void anAuthenticatedSessionRelaysOnAnyListener(Listener listener) throws Exception {
    FakeMailServer corp = corp(strict());
    try (Conversation c = open(corp, listener)) {
      auth(c);
      c.send("MAIL FROM:<alice@corp.test>").expect("250");
      c.send("RCPT TO:<bob@far.test>").expect("250");
      data(c, "relayed from " + listener.id());
    }
    assertThat(smart.awaitMessage(to("bob@far.test"), WAIT).subject()).isEqualTo("relayed from " + listener.id());
  }

  @Test
  void authRequiredNoLongerLeavesThePlainSmtpPortOpen() throws Exception {
    FakeMailServer corp = corp(strict().authRequired(true));
    try (Conversation c = open(corp, Listener.SMTP)) {
      c.send("MAIL FROM:<spammer@elsewhere.test>").expect("250");
      c.send("RCPT TO:<victim@far.test>").expect("550 5.7.1");
      c.send("RCPT TO:<alice@corp.test>").expect("250"); // mail for a local user still arrives over MX
    }
    assertThat(corp.queuedRelays()).isZero();
  }

  @Test
  void aClientInARelayNetworkRelaysWithoutAuth() throws Exception {
    FakeMailServer corp = corp(strict().relayNetwork("127.0.0.0/8", "::1/128"));
    for (Listener l : SMTP_LISTENERS) {
      try (Conversation c = open(corp, l)) {
        c.send("MAIL FROM:<app@corp.test>").expect("250");
        c.send("RCPT TO:<bob@far.test>").expect("250");
        data(c, "from the relay network via " + l.id());
      }
    }
    smart.awaitMessages(to("bob@far.test"), 3, WAIT);
  }

  @Test
  void aClientOutsideTheRelayNetworksIsRefused() throws Exception {
    FakeMailServer corp = corp(strict().relayNetwork("10.0.0.0/8", "fd00::/8"));
    try (Conversation c = open(corp, Listener.SMTP)) {
      c.send("MAIL FROM:<app@corp.test>").expect("250");
      c.send("RCPT TO:<bob@far.test>").expect("550 5.7.1");
    }
  }

  @Test
  void openModeRelaysAsBefore() throws Exception {
    FakeMailServer corp = corp(FakeMailServer.builder());
    try (Conversation c = open(corp, Listener.SMTP)) {
      c.send("MAIL FROM:<app@corp.test>").expect("250");
      c.send("RCPT TO:<bob@far.test>").expect("250");
      data(c, "open mode");
    }
    smart.awaitMessage(to("bob@far.test"), WAIT);
  }

  @Test
  void withoutLocalDomainsEveryDomainIsLocalAndOnlyDeclaredUsersGetMail() throws Exception {
    FakeMailServer catchAll = started(strict().dnsRecord("far.test MX 10 smtp.relay.test")
        .relayHost("smtp.relay.test", smart.host(), smart.smtpPort()));
    try (Conversation c = open(catchAll, Listener.SMTP)) {
      c.send("MAIL FROM:<app@corp.test>").expect("250");
      assertThat(c.send("RCPT TO:<bob@far.test>").line()).as("not relayed: an unknown local user").startsWith("550 5.1.1");
      c.send("RCPT TO:<alice@corp.test>").expect("250");
    }
    assertThat(catchAll.queuedRelays()).isZero();
  }
}
