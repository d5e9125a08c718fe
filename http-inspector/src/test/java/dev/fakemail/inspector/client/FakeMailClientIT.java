package dev.fakemail.inspector.client;

import static dev.fakemail.core.MessageFilter.from;
import static dev.fakemail.core.MessageFilter.subject;
import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.MailInspector;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.ReceivedMessage;
import dev.fakemail.inspector.FakeMailHttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against a running server. The shared tests run once in-process and once over HTTP with
 * the same assertions: that is the point of {@link MailInspector}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FakeMailClientIT {
  private FakeMailServer mail;
  private FakeMailHttpServer http;
  private FakeMailClient client;

  @BeforeEach
  void start() {
    mail = FakeMailServer.start();
    http = FakeMailHttpServer.start(mail);
    client = FakeMailClient.connect(http.baseUri());
  }

  @AfterEach
  void stop() {
    http.close();
    mail.close();
  }

  static Stream<Arguments> inspectors() {
    Function<FakeMailClientIT, MailInspector> inProcess = t -> t.mail;
    Function<FakeMailClientIT, MailInspector> overHttp = t -> t.client;
    return Stream.of(Arguments.of("in-process", inProcess), Arguments.of("http client", overHttp));
  }

  private void send(String fromAddress, String toAddress, String subjectText, String body) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", mail.host());
    p.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(fromAddress));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(toAddress));
    m.setSubject(subjectText, "UTF-8");
    m.setText(body, "UTF-8");
    Transport.send(m);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inspectors")
  void awaitQueryDeleteAndPurgeBehaveTheSame(String name, Function<FakeMailClientIT, MailInspector> which) throws Exception {
    MailInspector inspector = which.apply(this);
    send("alice@example.test", "bob@example.test", "Welcome Bob", "Confirm: https://app.test/confirm?token=abc");
    send("alice@example.test", "carol@example.test", "Hi Carol \u2603", "text for carol");

    ReceivedMessage m = inspector.awaitMessage(to("bob@example.test"));
    assertThat(m.subject()).isEqualTo("Welcome Bob");
    assertThat(m.text()).contains("/confirm?token=abc");
    assertThat(m.envelope().from()).isEqualTo("alice@example.test");
    assertThat(m.session().clientAddress()).isEqualTo("127.0.0.1");

    assertThat(inspector.awaitMessages(from("alice@example.test"), 2)).hasSize(2);
    assertThat(inspector.messages(subject("\u2603"))).extracting(ReceivedMessage::subject).containsExactly("Hi Carol \u2603");
    assertThat(inspector.messages(MessageFilter.text("CONFIRM"))).hasSize(1);
    assertThat(inspector.messages(MessageFilter.since(Instant.now().plusSeconds(60)))).isEmpty();
    assertThat(inspector.messages()).extracting(ReceivedMessage::subject).containsExactly("Welcome Bob", "Hi Carol \u2603");
    assertThat(inspector.message(m.id())).map(ReceivedMessage::raw).hasValueSatisfying(raw -> assertThat(raw).isEqualTo(m.raw()));
    assertThat(inspector.message("no-such-id")).isEmpty();

    assertThat(inspector.delete(m.id())).isTrue();
    assertThat(inspector.delete(m.id())).isFalse();
    assertThat(inspector.messages()).hasSize(1);
    inspector.purge();
    assertThat(inspector.messages()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inspectors")
  void failedAwaitListsWhatDidArrive(String name, Function<FakeMailClientIT, MailInspector> which) throws Exception {
    MailInspector inspector = which.apply(this);
    send("alice@example.test", "carol@example.test", "Went to Carol", "x");
    mail.awaitMessage(to("carol@example.test"));

    assertThatThrownBy(() -> inspector.awaitMessage(to("bob@example.test"), Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to(\"bob@example.test\")")
        .hasMessageContaining("none matched")
        .hasMessageContaining("carol@example.test")
        .hasMessageContaining("Went to Carol");
  }

  @Test
  void messagesFromTheClientEqualTheServersInEveryParsedField() throws Exception {
    send("Alice <alice@example.test>", "bob@example.test", "=?UTF-8?Q?encoded?= words", "body");
    ReceivedMessage local = mail.awaitMessage(to("bob@example.test"));

    ReceivedMessage remote = client.message(local.id()).orElseThrow();

    assertThat(remote.id()).isEqualTo(local.id());
    assertThat(remote.receivedAt()).isEqualTo(local.receivedAt());
    assertThat(remote.envelope()).isEqualTo(local.envelope());
    assertThat(remote.session()).isEqualTo(local.session());
    assertThat(remote.raw()).isEqualTo(local.raw());
    assertThat(remote.subject()).isEqualTo(local.subject());
    assertThat(remote.from()).isEqualTo(local.from());
    assertThat(remote.headers()).isEqualTo(local.headers());
    assertThat(client.raw(local.id())).hasValueSatisfying(raw -> assertThat(raw).isEqualTo(local.raw()));
  }

  @Test
  void awaitReturnsAMessageThatArrivesWhileWaiting() throws Exception {
    CompletableFuture<ReceivedMessage> waiting =
        CompletableFuture.supplyAsync(() -> client.awaitMessage(to("late@example.test"), Duration.ofSeconds(30)));

    send("alice@example.test", "late@example.test", "Late", "x");

    assertThat(waiting.get(20, TimeUnit.SECONDS).subject()).isEqualTo("Late");
  }

  @Test
  void resetAndHealthWorkOverHttp() throws Exception {
    send("alice@example.test", "bob@example.test", "x", "x");
    mail.awaitMessage(to("bob@example.test"));

    assertThat(client.isHealthy()).isTrue();
    client.reset();

    assertThat(mail.messages()).isEmpty();
    assertThat(mail.sessions()).isEmpty();
  }

  @Test
  void unreachableServerIsAClearError() {
    FakeMailClient nowhere = FakeMailClient.connect(URI.create("http://127.0.0.1:1"));
    assertThat(nowhere.isHealthy()).isFalse();
    assertThatThrownBy(nowhere::messages).isInstanceOf(FakeMailClientException.class).hasMessageContaining("cannot reach");
  }

  @Test
  void filterBecomesQueryParameters() {
    String q = FakeMailClient.query(to("Bob@Example.test").and(subject("a b&c")).and(MessageFilter.since(Instant.parse("2026-01-01T00:00:00Z"))));
    assertThat(q).contains("to=bob%40example.test").contains("subject=a%20b%26c").contains("since=2026-01-01T00%3A00%3A00Z");
    assertThat(List.of(q.split("&"))).contains("order=oldest");
  }
}
