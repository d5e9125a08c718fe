package dev.fakemail.core.internal.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.SessionRecord.TranscriptLine;
import dev.fakemail.core.support.Conversation;
import dev.fakemail.core.support.Mailer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * POP3 sessions in {@code sessions()}: listener, client, user, TLS, and a transcript with the
 * password masked in every form and messages given by their size, never their content.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Pop3SessionLogIT {
  private static final String BOB = "bob@example.test";
  private static final String SECRET = "Pop3-S3cret-Pw";
  private static final String BODY_MARKER = "body-marker-7f3a9c";
  private FakeMailServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.POP3S).user(BOB, SECRET).start();
    Mailer.send(server, BOB, "Read me", "The text " + BODY_MARKER + "\r\n.leading dot");
    server.awaitMessage(MessageFilter.to(BOB));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The one ended session of this listener, waited for: the server closes its record just after the client. */
  private SessionRecord ended(Listener listener) {
    await().atMost(Duration.ofSeconds(10)).until(() -> server.sessions().stream()
        .anyMatch(s -> s.listener() == listener && s.ended().isPresent()));
    List<SessionRecord> all = server.sessions().stream().filter(s -> s.listener() == listener).toList();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static List<String> lines(SessionRecord r) {
    return r.transcript().stream().map(TranscriptLine::toString).toList();
  }

  private static void assertNoSecrets(SessionRecord r) {
    String plain = b64("\0" + BOB + "\0" + SECRET);
    for (String l : lines(r)) {
      assertThat(l).doesNotContain(SECRET).doesNotContain(plain).doesNotContain(b64(SECRET)).doesNotContain(BODY_MARKER);
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void userPassSessionIsRecordedWithThePasswordMaskedAndTheMessageBySize() throws Exception {
    int size;
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS " + SECRET).expect("+OK");
      c.send("CAPA").expect("+OK");
      c.dotBody();
      c.send("LIST").expect("+OK");
      size = Integer.parseInt(c.dotBody().get(0).split(" ")[1]);
      c.send("RETR 1").expect("+OK");
      assertThat(String.join("\n", c.dotBody())).contains(BODY_MARKER);
      c.send("TOP 1 0").expect("+OK");
      c.dotBody();
      c.send("QUIT").expect("+OK");
    }
    SessionRecord r = ended(Listener.POP3);
    assertThat(r.clientAddress()).isEqualTo("127.0.0.1");
    assertThat(r.authUser()).isEqualTo(BOB);
    assertThat(r.tls()).isFalse();
    assertThat(r.tlsCipher()).isEmpty();
    assertThat(r.helo()).isEmpty();
    assertThat(r.messageIds()).isEmpty();
    assertThat(r.startedAt()).isBeforeOrEqualTo(r.endedAt());
    assertThat(lines(r)).startsWith("S: +OK " + server.config().hostname() + " fakemail POP3 ready", "C: USER " + BOB,
        "S: +OK Send PASS", "C: PASS ****", "S: +OK Logged in, 1 messages (" + size + " octets)", "C: CAPA");
    assertThat(lines(r)).contains("C: LIST", "S: +OK 1 messages (" + size + " octets) | 1 " + size + " | .",
        "C: RETR 1", "S: +OK " + size + " octets | <" + size + " octets>", "C: TOP 1 0", "C: QUIT");
    assertThat(lines(r)).anyMatch(l -> l.startsWith("S: +OK Capability list follows | ") && l.contains(" | SASL PLAIN | "));
    assertThat(lines(r)).anyMatch(l -> l.matches("S: \\+OK Top of message follows \\| <\\d+ octets>"));
    assertNoSecrets(r);
  }

  @Test
  void authPlainIsMaskedWithAnInitialResponseAndInAContinuation() throws Exception {
    String plain = b64("\0" + BOB + "\0" + SECRET);
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("AUTH PLAIN " + plain).expect("+OK");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord first = ended(Listener.POP3);
    assertThat(first.authUser()).isEqualTo(BOB);
    assertThat(lines(first)).contains("C: AUTH PLAIN ****");
    assertNoSecrets(first);

    server.reset(); // forgets ended sessions
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("AUTH PLAIN").expect("+ ");
      c.send(plain).expect("+OK");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord second = ended(Listener.POP3);
    assertThat(lines(second)).containsSubsequence("C: AUTH PLAIN", "S: + ", "C: ****",
        "S: +OK Logged in, 0 messages (0 octets)");
    assertNoSecrets(second);
  }

  @Test
  void aFailedLoginShowsTheUserButNoPasswordAndNoAuthUser() throws Exception {
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS wrong-" + SECRET).expect("-ERR [AUTH]");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord r = ended(Listener.POP3);
    assertThat(r.authUser()).isEmpty();
    assertThat(lines(r)).contains("C: USER " + BOB, "C: PASS ****", "S: -ERR [AUTH] Authentication failed");
    assertNoSecrets(r);
  }

  @Test
  void stlsRecordsTheProtocolAndCipherAndWhatWasDiscarded() throws Exception {
    String injected = "USER injected@example.test\r\n";
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.sendRaw(("STLS\r\n" + injected).getBytes(StandardCharsets.US_ASCII));
      c.expect("+OK");
      c.startTls(server.tls().clientSslContext());
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS " + SECRET).expect("+OK");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord r = ended(Listener.POP3);
    assertThat(r.tls()).isTrue();
    assertThat(r.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(r.tlsCipher()).startsWith("TLS_");
    assertThat(lines(r)).containsSubsequence("C: STLS", "S: +OK Begin TLS negotiation",
        "S: [" + injected.length() + " octets pipelined behind STLS discarded]", "C: USER " + BOB, "C: PASS ****");
    assertThat(lines(r)).noneMatch(l -> l.contains("injected@example.test"));
    assertNoSecrets(r);
  }

  @Test
  void pop3sRecordsImplicitTls() throws Exception {
    try (Conversation c = Conversation.openTls(server.tls().clientSslContext(), server.host(), server.pop3sPort())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS " + SECRET).expect("+OK");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord r = ended(Listener.POP3S);
    assertThat(r.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(r.tlsCipher()).isNotEmpty();
    assertThat(lines(r)).contains("C: PASS ****");
    assertNoSecrets(r);
  }

  @Test
  void faultRulesThatFireAreInTheTranscript() throws Exception {
    Fault login = server.faults().add(Fault.at(Fault.Stage.LOGIN).reply("454 4.7.0 Not now").times(1));
    Fault retr = server.faults().add(Fault.at(Fault.Stage.RETR).reply("451 4.3.0 Try later").times(1));
    try (Conversation c = Conversation.open(server.host(), server.pop3Port())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS " + SECRET).expect("-ERR [SYS/TEMP] Not now");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS " + SECRET).expect("+OK");
      c.send("RETR 1").expect("-ERR [SYS/TEMP] Try later");
      c.send("QUIT").expect("+OK");
    }
    SessionRecord r = ended(Listener.POP3);
    assertThat(lines(r)).containsSubsequence("C: PASS ****", "S: [fault " + login.id() + " fired: " + login.describe() + "]",
        "S: -ERR [SYS/TEMP] Not now", "C: RETR 1", "S: [fault " + retr.id() + " fired: " + retr.describe() + "]",
        "S: -ERR [SYS/TEMP] Try later");
    assertNoSecrets(r);
  }

  @Test
  void smtpSessionsAreStillRecordedBesidePop3Ones() {
    List<SessionRecord> smtp = server.sessions().stream().filter(s -> s.listener() == Listener.SMTP).toList();
    assertThat(smtp).hasSize(1);
    assertThat(smtp.get(0).messageIds()).hasSize(1);
    assertThat(smtp.get(0).transcript()).extracting(TranscriptLine::text).anyMatch(t -> t.startsWith("EHLO "));
  }
}
