package dev.fakemail.core.fault;

import static dev.fakemail.core.MessageFilter.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Fault;
import dev.fakemail.core.Fault.Stage;
import dev.fakemail.core.Faults;
import dev.fakemail.core.Listener;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault action at each SMTP stage, seen from the application's side: the exception Angus Mail
 * raises, and that nothing is stored from a transaction a fault cut.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultsIT {
  FakeMailServer server;
  Properties props;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.SMTPS).start();
    props = AngusSender.props(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  MessagingException send(String to) {
    return AngusSender.send(props, "app@corp.test", "hello " + to, to);
  }

  @Test
  void connectReplyIsWhatTheClientSeesInsteadOfAGreeting() {
    server.faults().add(Fault.at(Stage.CONNECT).reply("554 5.7.1 No SMTP service here"));
    MessagingException e = send("bob@x.test");
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("554 5.7.1 No SMTP service here");
    assertThat(server.messages()).isEmpty();
  }

  @Test
  void connectDisconnectLooksLikeAConnectionClosedAtOnce() {
    server.faults().add(Fault.at(Stage.CONNECT).disconnect());
    MessagingException e = send("bob@x.test");
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("bad greeting").contains("[EOF]");
  }

  @Test
  void connectTlsFailOnSmtpsAbortsTheHandshake() {
    server.faults().add(Fault.at(Stage.CONNECT).listener(Listener.SMTPS).tlsFail());
    Properties p = AngusSender.props(server);
    p.put("mail.smtp.port", String.valueOf(server.smtpsPort()));
    p.put("mail.smtp.ssl.enable", "true");
    p.put("mail.smtp.ssl.socketFactory", server.tls().clientSocketFactory());
    MessagingException e = AngusSender.send(p, "app@corp.test", "tls", "bob@x.test");
    assertThat(e).isNotNull();
    assertThat(causes(e)).anyMatch(t -> t instanceof SSLException || t instanceof java.io.EOFException
        || t instanceof java.net.SocketException);
    // the plaintext listener is untouched by a rule scoped to smtps
    assertThat(send("bob@x.test")).isNull();
  }

  @Test
  void greetingReplyIsReportedAndTheConnectionCloses() {
    server.faults().add(Fault.at(Stage.GREETING).reply("421 4.3.2 Service shutting down").times(1));
    MessagingException e = send("bob@x.test");
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("421 4.3.2");
    assertThat(send("bob@x.test")).as("times(1): spent after one").isNull();
  }

  @Test
  void ehloReplyFailsTheSend() {
    server.faults().add(Fault.at(Stage.EHLO).reply("550 5.7.1 Go away"));
    MessagingException e = send("bob@x.test");
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("550 5.7.1 Go away");
  }

  @Test
  void startTlsReplyFailsASendThatRequiresTls() {
    server.faults().add(Fault.at(Stage.STARTTLS).reply("454 4.7.0 TLS not available due to temporary reason"));
    Properties p = tlsProps();
    MessagingException e = AngusSender.send(p, "app@corp.test", "tls", "bob@x.test");
    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("454 4.7.0");
  }

  @Test
  void startTlsTlsFailAbortsTheHandshake() {
    server.faults().add(Fault.at(Stage.STARTTLS).tlsFail());
    MessagingException e = AngusSender.send(tlsProps(), "app@corp.test", "tls", "bob@x.test");
    assertThat(e).isNotNull();
    assertThat(causes(e)).anyMatch(t -> t instanceof SSLException || t instanceof java.io.EOFException
        || t instanceof java.net.SocketException);
    assertThat(server.messages()).isEmpty();
  }

  Properties tlsProps() {
    Properties p = AngusSender.props(server);
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", server.tls().clientSocketFactory());
    return p;
  }

  @Test
  void authReplyIsAnAuthenticationFailure() {
    server.faults().add(Fault.at(Stage.AUTH).user("alice").reply("454 4.7.0 Temporary authentication failure"));
    Properties p = AngusSender.props(server);
    p.put("mail.smtp.auth", "true");
    MessagingException e = AngusSender.sendAs(p, "alice", "pw", "alice@corp.test", "auth", "bob@x.test");
    assertThat(e).isInstanceOf(AuthenticationFailedException.class);
    assertThat(AngusSender.sendAs(p, "carol", "pw", "carol@corp.test", "auth", "bob@x.test"))
        .as("another user is not matched").isNull();
  }

  @Test
  void mailReplyIsASenderFailure() {
    server.faults().add(Fault.at(Stage.MAIL).from("app@corp.test").reply("451 4.3.0 Sender check failed"));
    MessagingException e = send("bob@x.test");
    assertThat(e).isInstanceOf(SMTPSendFailedException.class); // Angus reports a refused MAIL FROM this way
    assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(451);
    assertThat(AngusSender.send(props, "other@corp.test", "s", "bob@x.test")).isNull();
  }

  @Test
  void rcptReplyIsAnAddressFailureForThatRecipientOnly() {
    server.faults().add(Fault.at(Stage.RCPT).to("gone@x.test").reply("550 5.1.1 gone"));
    MessagingException e = AngusSender.send(props, "app@corp.test", "two", "gone@x.test", "here@x.test");
    assertThat(e).isInstanceOf(SendFailedException.class);
    SendFailedException sfe = (SendFailedException) e;
    assertThat(sfe.getInvalidAddresses()).extracting(Object::toString).containsExactly("gone@x.test");
    assertThat(causes(e)).anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 550);
  }

  @Test
  void dataReplyIsASendFailure() {
    server.faults().add(Fault.at(Stage.DATA).reply("451 4.3.1 Insufficient resources"));
    MessagingException e = send("bob@x.test");
    assertThat(e).isInstanceOf(SMTPSendFailedException.class);
    assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(451);
    assertThat(server.messages()).isEmpty();
  }

  @Test
  void dataDisconnectCutsTheTransferAndStoresNothing() {
    server.faults().add(Fault.at(Stage.DATA).disconnect().times(1));
    MessagingException e = send("bob@x.test");
    assertThat(e).isNotNull();
    assertThat(server.messages()).isEmpty();
    assertThat(send("bob@x.test")).isNull();
    assertThat(server.messages()).hasSize(1);
  }

  @Test
  void endOfDataReplyRefusesTheMessageAndStoresNothing() {
    server.faults().add(Fault.at(Stage.END_OF_DATA).to("bob@x.test").reply("554 5.6.0 Message content rejected"));
    MessagingException e = send("bob@x.test");
    assertThat(e).isInstanceOf(SMTPSendFailedException.class);
    assertThat(e.getMessage()).contains("554 5.6.0 Message content rejected");
    assertThat(server.messages()).isEmpty();
    assertThat(send("carol@x.test")).isNull();
    assertThat(server.messages(to("carol@x.test"))).hasSize(1);
  }

  @Test
  void endOfDataDisconnectStoresNothing() {
    server.faults().add(Fault.at(Stage.END_OF_DATA).disconnect());
    assertThat(send("bob@x.test")).isNotNull();
    assertThat(server.messages()).isEmpty();
  }

  @Test
  void delayHoldsTheStageThenCarriesOn() {
    server.faults().add(Fault.at(Stage.RCPT).delay(Duration.ofMillis(300)));
    long start = System.nanoTime();
    assertThat(send("bob@x.test")).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(server.awaitMessage(to("bob@x.test"))).isNotNull();
  }

  @Test
  void delayLongerThanTheClientTimeoutIsATimeout() {
    server.faults().add(Fault.at(Stage.MAIL).delay(Duration.ofSeconds(3)));
    props.put("mail.smtp.timeout", "500");
    MessagingException e = send("bob@x.test");
    assertThat(causes(e)).anyMatch(t -> t instanceof java.net.SocketTimeoutException);
  }

  @Test
  void afterLetsTheFirstMatchesPass() {
    server.faults().add(Fault.at(Stage.RCPT).reply("452 4.5.3 Too many").after(2));
    assertThat(send("a@x.test")).isNull();
    assertThat(send("b@x.test")).isNull();
    assertThat(send("c@x.test")).isInstanceOf(SendFailedException.class);
  }

  @Test
  void theTranscriptShowsTheFaultThatFired() {
    Fault rule = server.faults().add(Fault.at(Stage.RCPT).reply("450 4.2.1 busy"));
    send("bob@x.test");
    assertThat(server.sessions()).anySatisfy(s -> assertThat(s.transcript())
        .anyMatch(l -> l.text().contains("[fault " + rule.id() + " fired: RCPT -> REPLY \"450 4.2.1 busy\"]")));
  }

  @Test
  void aSeededProbabilityGivesTheSameSequenceOnEveryRun() {
    List<Boolean> first = probabilityRun();
    List<Boolean> second = probabilityRun();
    assertThat(first).isEqualTo(second);
    assertThat(first).contains(true, false); // with p=0.5 over 30 sends, both outcomes occur
  }

  private List<Boolean> probabilityRun() {
    try (FakeMailServer s = FakeMailServer.builder().listeners(Listener.SMTP).start()) {
      s.faults().add(Fault.at(Stage.RCPT).reply("451 4.7.1 random").probability(0.5, 42));
      Properties p = AngusSender.props(s);
      List<Boolean> failed = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        failed.add(AngusSender.send(p, "app@corp.test", "p" + i, "bob@x.test") != null);
      }
      return failed;
    }
  }

  @Test
  void greylistingDefersTheFirstAttemptAndAcceptsALaterRetry() {
    server.faults().add(Faults.greylisting(Duration.ofMillis(300)));
    MessagingException first = send("bob@x.test");
    assertThat(first).isInstanceOf(SendFailedException.class);
    assertThat(causes(first)).anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 451);
    assertThat(send("bob@x.test")).as("an immediate retry is still greylisted").isNotNull();
    await().atMost(5, TimeUnit.SECONDS).until(() -> send("bob@x.test") == null);
    assertThat(server.messages(to("bob@x.test"))).hasSize(1);
  }

  @Test
  void rateLimitRefusesMessagesPastTheLimit() {
    server.faults().add(Faults.rateLimit(3, Duration.ofMinutes(1)));
    for (int i = 0; i < 3; i++) {
      assertThat(send("r" + i + "@x.test")).isNull();
    }
    MessagingException e = send("r4@x.test");
    assertThat(e).isNotNull();
    // The server says 421 and closes, as RFC 5321 §3.8 has it. Angus reports either the 421 or, when it
    // first tries RSET on the closed connection, "Can't send command" or, when the close arrives while
    // it reads the RSET reply, "Exception reading response": a race on Angus's side.
    assertThat(e.getMessage()).containsAnyOf("421 4.7.0 Rate limit exceeded", "Can't send command to SMTP host",
        "Exception reading response");
    assertThat(server.sessions()).anySatisfy(s -> assertThat(s.transcript())
        .anyMatch(l -> l.text().startsWith("421 4.7.0 Rate limit exceeded")));
    assertThat(server.messages()).hasSize(3);
  }

  @Test
  void mailboxFullRefusesOneRecipient() {
    server.faults().add(Faults.mailboxFull("full@x.test"));
    MessagingException e = send("full@x.test");
    assertThat(causes(e)).anyMatch(t -> t instanceof SMTPAddressFailedException a && a.getReturnCode() == 452);
    assertThat(send("fine@x.test")).isNull();
  }

  @Test
  void invalidRulesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> server.faults().add(Fault.at(Stage.RCPT).reply("250 ok")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4xx or 5xx");
    assertThatThrownBy(() -> server.faults().add(Fault.at(Stage.MAIL).tlsFail()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS_FAIL");
    assertThatThrownBy(() -> server.faults().add(Fault.at(Stage.MAIL).reply("451 x").probability(0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probability");
  }

  @Test
  void rulesCanBeListedRemovedAndClearedAndResetClearsThem() {
    Fault a = server.faults().add(Fault.at(Stage.RCPT).reply("450 4.2.1 a"));
    server.faults().add(Fault.at(Stage.MAIL).reply("450 4.2.1 b"));
    assertThat(server.faults().list()).hasSize(2);
    assertThat(server.faults().remove(a.id())).isTrue();
    assertThat(server.faults().list()).extracting(Fault::stage).containsExactly(Stage.MAIL);
    server.reset();
    assertThat(server.faults().list()).isEmpty();
    assertThat(send("bob@x.test")).isNull();
  }

  static List<Throwable> causes(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = t; c != null && !out.contains(c); c = c.getCause() != null ? c.getCause()
        : c instanceof MessagingException m ? m.getNextException() : null) {
      out.add(c);
    }
    return out;
  }
}
