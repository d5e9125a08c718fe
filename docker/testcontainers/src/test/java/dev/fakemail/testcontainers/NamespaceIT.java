package dev.fakemail.testcontainers;

import static dev.fakemail.core.MessageFilter.any;
import static dev.fakemail.core.MessageFilter.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Namespaces over one shared server, here the in-process one (any MailInspector will do: the HTTP
 * client and a container behave alike). Mail goes in over real SMTP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceIT {
  FakeMailServer server;
  Namespace one;
  Namespace two;

  @BeforeEach
  void start() {
    server = FakeMailServer.start();
    one = Namespace.of(server);
    two = Namespace.of(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void send(String to, String subject) throws Exception {
    assertThat(Smtp.send("127.0.0.1", server.smtpPort(), "app@sender.test", to, subject, "body of " + subject)).startsWith("250 ");
  }

  @Test
  void twoNamespacesGetDistinctDomains() {
    assertThat(one.domain()).isNotEqualTo(two.domain()).endsWith(".test");
    assertThat(one.address("bob")).isEqualTo("bob@" + one.domain());
  }

  @Test
  void eachNamespaceSeesOnlyMailForItsOwnDomain() throws Exception {
    send(two.address("bob"), "for two");
    send(one.address("bob"), "for one");
    send("bob@elsewhere.test", "for nobody's namespace");

    assertThat(one.awaitMessage(any()).subject()).isEqualTo("for one");
    assertThat(two.awaitMessage(any()).subject()).isEqualTo("for two");
    assertThat(one.messages()).extracting(ReceivedMessage::subject).containsExactly("for one");
    assertThat(server.messages()).hasSize(3);
  }

  @Test
  void awaitKeepsWaitingWhileOnlyOtherNamespacesGetMatchingMail() throws Exception {
    CompletableFuture<ReceivedMessage> waiting =
        CompletableFuture.supplyAsync(() -> one.awaitMessage(subject("Welcome"), Duration.ofSeconds(20)));
    send(two.address("eve"), "Welcome, eve");
    send(two.address("mallory"), "Welcome, mallory");
    send(one.address("alice"), "Welcome, alice");

    assertThat(waiting.get(20, TimeUnit.SECONDS).subject()).isEqualTo("Welcome, alice");
  }

  @Test
  void awaitMessagesCountsOnlyThisNamespace() throws Exception {
    send(one.address("a"), "first");
    send(two.address("a"), "other");
    send(one.address("b"), "second");

    List<ReceivedMessage> mine = one.awaitMessages(any(), 2, Duration.ofSeconds(10));
    assertThat(mine).extracting(ReceivedMessage::subject).containsExactly("first", "second");
  }

  @Test
  void failedAwaitNamesTheNamespaceAndWhatArrivedInIt() throws Exception {
    send(one.address("bob"), "Hello");
    send(two.address("bob"), "Welcome");

    assertThatThrownBy(() -> one.awaitMessage(subject("Welcome"), Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("in namespace " + one.domain())
        .hasMessageContaining("subject(\"Welcome\")")
        .hasMessageContaining("0 matched")
        .hasMessageContaining("1 message arrived in this namespace")
        .hasMessageContaining("Hello");
  }

  @Test
  void purgeRemovesOnlyThisNamespacesMail() throws Exception {
    send(one.address("bob"), "one's");
    send(two.address("bob"), "two's");

    one.purge();

    assertThat(one.messages()).isEmpty();
    assertThat(two.messages()).extracting(ReceivedMessage::subject).containsExactly("two's");
  }

  @Test
  void anotherNamespacesMessageCanNeitherBeReadNorDeleted() throws Exception {
    send(two.address("bob"), "two's");
    String id = two.awaitMessage(any()).id();

    assertThat(one.message(id)).isEmpty();
    assertThat(one.delete(id)).isFalse();
    assertThat(two.message(id)).isPresent();
    assertThat(two.delete(id)).isTrue();
    assertThat(server.messages()).isEmpty();
  }

  @Test
  void namespaceUnderAParentDomainMatchesItsSubdomainOnly() throws Exception {
    Namespace sub = Namespace.of(server, "example.test");
    assertThat(sub.domain()).startsWith("ns-").endsWith(".example.test");
    send("bob@example.test", "parent");
    send(sub.address("bob"), "sub");

    assertThat(sub.awaitMessage(any()).subject()).isEqualTo("sub");
    assertThat(sub.messages()).hasSize(1);
  }

  @Test
  void assertNoMessagesSeesOnlyThisNamespace() throws Exception {
    send(two.address("bob"), "for two");
    one.assertNoMessages(any(), java.time.Duration.ofMillis(200));
    assertThatThrownBy(() -> two.assertNoMessages(any(), java.time.Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("for two");
  }

  @Test
  void faultRulesAreScopedToTheNamespacesRecipients() throws Exception {
    dev.fakemail.core.Fault mine = one.faults().add(dev.fakemail.core.Faults.mailboxFull(one.address("bob")));
    server.faults().add(dev.fakemail.core.Faults.mailboxFull("carol@elsewhere.test"));

    assertThat(one.faults().list()).containsExactly(mine);
    assertThat(two.faults().list()).isEmpty();
    assertThat(two.faults().remove(mine.id())).isFalse();
    assertThatThrownBy(() -> one.faults().add(dev.fakemail.core.Fault.at(dev.fakemail.core.Fault.Stage.MAIL).disconnect()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match a recipient in it");
    assertThatThrownBy(() -> send(one.address("bob"), "refused")).hasStackTraceContaining("452 4.2.2");

    one.faults().clear();
    assertThat(server.faults().list()).hasSize(1);
    send(one.address("bob"), "accepted");
    assertThat(one.awaitMessage(any()).subject()).isEqualTo("accepted");
  }

  @Test
  void serverWideStateIsRefusedWithTheReason() {
    assertThatThrownBy(() -> one.reset()).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining(one.domain()).hasMessageContaining("every test");
    assertThatThrownBy(() -> one.sessions()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> one.dns()).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("DNS");
    assertThatThrownBy(() -> one.clock()).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("clock");
    assertThatThrownBy(() -> one.addUser(one.address("bob"), "secret")).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("strict");
    assertThat(server.users()).isEmpty();
  }

  @Test
  void usersAndDeliveriesAreScoped() {
    server.addUser(one.address("bob"), "secret");
    server.addUser("carol@elsewhere.test", "secret");
    assertThat(one.users()).extracting(dev.fakemail.core.User::address).containsExactly(one.address("bob"));
    assertThat(two.users()).isEmpty();
    assertThat(two.removeUser("carol@elsewhere.test")).isFalse();
    assertThat(one.removeUser(one.address("bob"))).isTrue();
    assertThat(one.deliveries()).isEmpty();
  }
}
