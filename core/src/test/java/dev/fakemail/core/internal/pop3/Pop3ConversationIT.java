package dev.fakemail.core.internal.pop3;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import dev.fakemail.core.support.Mailer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** POP3 conversations over a raw socket: every command, its replies and its errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Pop3ConversationIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.POP3S).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Conversation connect() throws Exception {
    Conversation c = Conversation.open(server.host(), server.pop3Port());
    c.expect("+OK");
    return c;
  }

  private Conversation login(String user) throws Exception {
    Conversation c = connect();
    c.send("USER " + user).expect("+OK");
    c.send("PASS anything").expect("+OK");
    return c;
  }

  private void deliver(int n) throws Exception {
    for (int i = 1; i <= n; i++) {
      Mailer.send(server, BOB, "Message " + i, "Body " + i);
    }
    server.awaitMessages(MessageFilter.to(BOB), n);
  }

  @Test
  void capaListsTheExtensions() throws Exception {
    try (Conversation c = connect()) {
      c.send("CAPA").expect("+OK");
      List<String> caps = c.dotBody();
      assertThat(caps).contains("TOP", "UIDL", "USER", "RESP-CODES", "PIPELINING", "SASL PLAIN", "STLS");
    }
  }

  @Test
  void statAndListGiveCountsAndSizesThatRetrSends() throws Exception {
    deliver(2);
    try (Conversation c = login(BOB)) {
      String stat = c.send("STAT").expect("+OK 2 ");
      c.send("LIST").expect("+OK");
      List<String> list = c.dotBody();
      assertThat(list).hasSize(2);
      long total = 0;
      for (int n = 1; n <= 2; n++) {
        int size = Integer.parseInt(list.get(n - 1).split(" ")[1]);
        total += size;
        c.send("RETR " + n).expect("+OK");
        int octets = 0;
        for (String l : c.dotBody()) {
          octets += (l.startsWith("..") ? l.length() - 1 : l.length()) + 2;
        }
        assertThat(octets).as("octets of message %d", n).isEqualTo(size);
      }
      assertThat(stat).isEqualTo("+OK 2 " + total);
      c.send("LIST 2").expect("+OK 2 " + list.get(1).split(" ")[1]);
      c.send("LIST 3").expect("-ERR");
      c.send("LIST x").expect("-ERR");
    }
  }

  @Test
  void retrAddsTraceHeadersAndByteStuffsDotLines() throws Exception {
    Mailer.sendRaw(server, "a@app.test", BOB, "Subject: dots\r\n\r\n.leading dot\r\n..two\r\nend\r\n");
    server.awaitMessage(MessageFilter.to(BOB));
    try (Conversation c = login(BOB)) {
      c.send("RETR 1").expect("+OK");
      List<String> body = c.dotBody();
      assertThat(body.get(0)).isEqualTo("Return-Path: <a@app.test>");
      assertThat(body.get(1)).startsWith("Authentication-Results: ");    // RFC 8601, folded over four lines
      assertThat(body.get(2)).isEqualTo("\tdkim=none;");
      assertThat(body.get(3)).startsWith("\tspf=none");
      assertThat(body.get(4)).startsWith("\tdmarc=permerror (no From field)"); // this message has none
      assertThat(body.get(5)).startsWith("Received: from client.test");
      assertThat(body).containsSubsequence("Subject: dots", "", "..leading dot", "...two", "end");
    }
  }

  @Test
  void topSendsHeadersAndTheFirstLines() throws Exception {
    Mailer.sendRaw(server, "a@app.test", BOB, "Subject: top\r\n\r\nline1\r\nline2\r\nline3\r\n");
    server.awaitMessage(MessageFilter.to(BOB));
    try (Conversation c = login(BOB)) {
      c.send("TOP 1 2").expect("+OK");
      List<String> lines = c.dotBody();
      assertThat(lines).endsWith("Subject: top", "", "line1", "line2");
      c.send("TOP 1 0").expect("+OK");
      assertThat(c.dotBody()).endsWith("Subject: top", "");
      c.send("TOP 1").expect("-ERR");
      c.send("TOP 1 -1").expect("-ERR");
      c.send("TOP 9 1").expect("-ERR");
    }
  }

  @Test
  void uidlIsStableAcrossSessions() throws Exception {
    deliver(2);
    List<String> first;
    try (Conversation c = login(BOB)) {
      c.send("UIDL").expect("+OK");
      first = c.dotBody();
      c.send("UIDL 2").expect("+OK 2 " + first.get(1).split(" ")[1]);
      c.send("DELE 1").expect("+OK");
      c.send("QUIT").expect("+OK");
    }
    try (Conversation c = login(BOB)) {
      c.send("UIDL").expect("+OK");
      assertThat(c.dotBody()).containsExactly("1 " + first.get(1).split(" ")[1]);
    }
  }

  @Test
  void deletionsTakeEffectAtQuitOnly() throws Exception {
    deliver(3);
    try (Conversation c = login(BOB)) {
      c.send("DELE 1").expect("+OK");
      c.send("DELE 1").expect("-ERR");
      c.send("RETR 1").expect("-ERR");
      c.send("STAT").expect("+OK 2 ");
      c.send("RSET").expect("+OK");
      c.send("STAT").expect("+OK 3 ");
      c.send("DELE 2").expect("+OK");
      c.send("NOOP").expect("+OK");
      assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().size()).isEqualTo(3);
      c.send("QUIT").expect("+OK");
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).inbox().size()).isEqualTo(2);
  }

  @Test
  void aSessionThatEndsWithoutQuitDeletesNothing() throws Exception {
    deliver(1);
    try (Conversation c = login(BOB)) {
      c.send("DELE 1").expect("+OK");
    }
    // the client hung up without QUIT; the session ends (and frees the lock) once the server sees it
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> ServerInternals.of(server).openConnections() == 0);
    try (Conversation c = connect()) {
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS x").expect("+OK");
      c.send("STAT").expect("+OK 1 ");
    }
  }

  @Test
  void aSecondLoginToTheSameMailboxGetsInUse() throws Exception {
    try (Conversation first = login(BOB); Conversation second = connect()) {
      second.send("USER " + BOB).expect("+OK");
      second.send("PASS x").expect("-ERR [IN-USE]");
      first.send("QUIT").expect("+OK");
      first.closedByServer();
      second.send("USER " + BOB).expect("+OK");
      second.send("PASS x").expect("+OK");
    }
  }

  @Test
  void authPlainWorksWithAndWithoutInitialResponse() throws Exception {
    String creds = Base64.getEncoder().encodeToString(("\0" + BOB + "\0secret").getBytes(StandardCharsets.UTF_8));
    try (Conversation c = connect()) {
      c.send("AUTH PLAIN " + creds).expect("+OK");
      c.send("STAT").expect("+OK 0 0");
    }
    try (Conversation c = connect()) {
      c.send("AUTH").expect("+OK");
      assertThat(c.dotBody()).containsExactly("PLAIN");
      c.send("AUTH PLAIN").expect("+ ");
      c.send(creds).expect("+OK");
    }
    try (Conversation c = connect()) {
      c.send("AUTH PLAIN").expect("+ ");
      c.send("*").expect("-ERR");
      c.send("AUTH PLAIN !!!").expect("-ERR");
      c.send("AUTH CRAM-MD5").expect("-ERR");
    }
  }

  @Test
  void commandsOutOfStateAndUnknownCommandsGetErr() throws Exception {
    try (Conversation c = connect()) {
      c.send("STAT").expect("-ERR");
      c.send("RETR 1").expect("-ERR");
      c.send("PASS x").expect("-ERR");
      c.send("FOO").expect("-ERR");
      c.send("USER").expect("-ERR");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS x").expect("+OK");
      c.send("USER x").expect("-ERR");
      c.send("STLS").expect("-ERR");
      c.send("RETR").expect("-ERR");
      c.send("DELE 0").expect("-ERR");
      c.send("QUIT").expect("+OK");
    }
  }

  @Test
  void stlsUpgradesAndDiscardsPipelinedPlaintext() throws Exception {
    try (Conversation c = connect()) {
      c.sendRaw("STLS\r\nUSER injected@example.test\r\n".getBytes(StandardCharsets.US_ASCII));
      c.expect("+OK");
      c.startTls(server.tls().clientSslContext());
      c.send("PASS x").expect("-ERR"); // USER sent in plaintext was dropped
      c.send("CAPA").expect("+OK");
      assertThat(c.dotBody()).doesNotContain("STLS");
      c.send("STLS").expect("-ERR");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS x").expect("+OK");
    }
  }

  @Test
  void pop3sSpeaksTlsFromTheStart() throws Exception {
    deliver(1);
    try (Conversation c = Conversation.openTls(server.tls().clientSslContext(), server.host(), server.pop3sPort())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS x").expect("+OK");
      c.send("STAT").expect("+OK 1 ");
    }
  }

  @Test
  void strictModeRefusesWrongPasswordsAndUnknownUsers() throws Exception {
    try (FakeMailServer strict = FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3)
        .user(BOB, "right").user("carol@example.test", "pw", "carol").start();
         Conversation c = Conversation.open(strict.host(), strict.pop3Port())) {
      c.expect("+OK");
      c.send("USER " + BOB).expect("+OK");
      c.send("PASS wrong").expect("-ERR [AUTH]");
      c.send("USER nobody@example.test").expect("+OK");
      c.send("PASS right").expect("-ERR [AUTH]");
      String asBob = Base64.getEncoder().encodeToString(("carol\0" + BOB + "\0right").getBytes(StandardCharsets.UTF_8));
      c.send("AUTH PLAIN " + asBob).expect("-ERR [AUTH]");
      c.send("USER carol").expect("+OK");
      c.send("PASS pw").expect("+OK");
    }
  }
}
