package dev.fakemail.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.inspector.client.FakeMailClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/v1/sessions} shows POP3 and IMAP sessions as it shows SMTP ones: listener, client,
 * user, TLS, a transcript with the password masked and literals given by size; {@code listener}
 * filters; the Java client gives the same records as the server in-process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionsApiIT extends InspectorFixture {
  private static final String BOB = "bob@example.test";
  private static final String SECRET = "Api-S3cret-Pw";
  private static final String MARKER = "literal-marker-93c1";

  @Override
  protected FakeMailServer startMail() {
    return FakeMailServer.builder().listeners(Listener.SMTP, Listener.POP3, Listener.IMAP).start();
  }

  /** Waits until the server has closed the record of every session of this listener (it does so just after the client). */
  private void awaitEnded(Listener listener) {
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.sessions().stream()
        .filter(s -> s.listener() == listener).allMatch(s -> s.ended().isPresent()));
  }

  private static List<String> transcript(JsonNode session) {
    List<String> lines = new ArrayList<>();
    session.get("transcript").forEach(l -> lines.add(l.get("direction").asText() + ": " + l.get("text").asText()));
    return lines;
  }

  @Test
  void anImapSessionShowsItsLoginMaskedAndItsLiteralsBySize() throws Exception {
    String message = "Subject: appended\r\n\r\n" + MARKER + "\r\n";
    int n = message.length();
    try (Raw imap = new Raw(mail.host(), mail.imapPort())) {
      imap.line();
      imap.send("a LOGIN " + BOB + " " + SECRET).until("a OK");
      imap.send("b APPEND INBOX {" + n + "+}\r\n" + message).until("b OK");
      imap.send("c SELECT INBOX").until("c OK");
      imap.send("d FETCH 1 BODY.PEEK[]").until("d OK");
      imap.send("e LOGOUT").until("e OK");
    }
    awaitEnded(Listener.IMAP);

    JsonNode sessions = Api.json(api.get("api/v1/sessions?listener=imap"));
    assertThat(sessions).hasSize(1);
    JsonNode s = sessions.get(0);
    assertThat(s.get("listener").asText()).isEqualTo("imap");
    assertThat(s.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(s.get("authUser").asText()).isEqualTo(BOB);
    assertThat(s.get("tls").asBoolean()).isFalse();
    assertThat(s.get("tlsCipher").asText()).isEmpty();
    assertThat(s.get("endedAt").asText()).isNotEmpty();
    assertThat(s.get("messageIds")).isEmpty();
    assertThat(transcript(s)).containsSubsequence("C: a LOGIN " + BOB + " ****", "C: b APPEND INBOX {" + n + " octets}",
        "C: c SELECT INBOX", "C: d FETCH 1 BODY.PEEK[]", "S: * 1 FETCH (BODY[] {" + n + " octets})", "S: d OK FETCH completed",
        "C: e LOGOUT");
    String all = Api.text(api.get("api/v1/sessions"));
    assertThat(all).doesNotContain(SECRET).doesNotContain(MARKER);
  }

  @Test
  void aPop3SessionShowsItsPasswordMaskedAndTheFilterSeparatesTheProtocols() throws Exception {
    smtp.text("alice@example.test", BOB, "hello", MARKER);
    mail.awaitMessage(MessageFilter.to(BOB));
    String plain = Base64.getEncoder().encodeToString(("\0" + BOB + "\0" + SECRET).getBytes(StandardCharsets.UTF_8));
    try (Raw pop3 = new Raw(mail.host(), mail.pop3Port())) {
      pop3.line();
      pop3.send("AUTH PLAIN " + plain).until("+OK");
      pop3.send("RETR 1").until(".");
      pop3.send("QUIT").until("+OK");
    }
    awaitEnded(Listener.POP3);

    JsonNode pop3 = Api.json(api.get("api/v1/sessions?listener=pop3"));
    assertThat(pop3).hasSize(1);
    assertThat(pop3.get(0).get("authUser").asText()).isEqualTo(BOB);
    assertThat(transcript(pop3.get(0))).contains("C: AUTH PLAIN ****", "C: RETR 1")
        .anyMatch(l -> l.matches("S: \\+OK (\\d+) octets \\| <\\1 octets>"));
    JsonNode smtpOnly = Api.json(api.get("api/v1/sessions?listener=smtp"));
    assertThat(smtpOnly).hasSize(1);
    assertThat(smtpOnly.get(0).get("listener").asText()).isEqualTo("smtp");
    assertThat(Api.json(api.get("api/v1/sessions?listener=smtp,pop3"))).hasSize(2);
    assertThat(Api.json(api.get("api/v1/sessions?listener=imap"))).isEmpty();
    String all = Api.text(api.get("api/v1/sessions"));
    assertThat(all).doesNotContain(SECRET).doesNotContain(plain).doesNotContain(MARKER);
  }

  @Test
  void anUnknownListenerIsABadRequest() {
    HttpResponse<byte[]> res = api.get("api/v1/sessions?listener=gopher");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(Api.json(res).get("error").asText()).contains("unknown listener 'gopher'");
  }

  @Test
  void theClientGivesTheRecordsTheServerHas() throws Exception {
    try (Raw imap = new Raw(mail.host(), mail.imapPort())) {
      imap.line();
      imap.send("a LOGIN " + BOB + " " + SECRET).until("a OK");
      imap.send("b LOGOUT").until("b OK");
    }
    awaitEnded(Listener.IMAP);
    FakeMailClient client = FakeMailClient.connect(http.baseUri());
    List<SessionRecord> remote = client.sessions(Listener.IMAP);
    assertThat(remote).isEqualTo(mail.sessions().stream().filter(s -> s.listener() == Listener.IMAP).toList());
    assertThat(remote.get(0).transcript()).extracting(Object::toString).contains("C: a LOGIN " + BOB + " ****");
    assertThat(client.sessions()).hasSameSizeAs(mail.sessions());
  }

  /** A line-at-a-time client of a plain socket. */
  private static final class Raw implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Raw(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setSoTimeout(10_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = socket.getOutputStream();
    }

    Raw send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    }

    String line() throws IOException {
      String l = in.readLine();
      if (l == null) {
        throw new IOException("connection closed");
      }
      return l;
    }

    /** Reads lines up to the one that starts with {@code prefix}. */
    void until(String prefix) throws IOException {
      while (!line().startsWith(prefix)) {
        // a response line before the one awaited
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
