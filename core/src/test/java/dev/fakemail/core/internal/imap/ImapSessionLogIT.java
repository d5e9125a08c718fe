package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fakemail.core.Fault;
import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.SessionRecord;
import dev.fakemail.core.SessionRecord.TranscriptLine;
import dev.fakemail.core.internal.store.SessionLog;
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
 * IMAP sessions in {@code sessions()}: listener, client, user, TLS, and a transcript with the
 * password masked in every form and literals (APPEND's message, FETCH's bodies) given by their
 * size, never their octets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapSessionLogIT {
  private static final String BOB = "bob@example.test";
  private static final String SECRET = "Imap-S3cret-Pw";
  private static final String BODY_MARKER = "body-marker-5e21bd";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP, Listener.IMAPS).user(BOB, SECRET).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Conversation connect() throws Exception {
    Conversation c = Conversation.open(server.host(), server.imapPort());
    c.expect("* OK [CAPABILITY IMAP4rev1");
    return c;
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
  void loginAndAFetchOfABodyAreRecordedWithThePasswordMaskedAndTheBodyBySize() throws Exception {
    Mailer.send(server, BOB, "Read me", "The text " + BODY_MARKER);
    server.awaitMessage(MessageFilter.to(BOB));
    int size;
    try (Conversation c = connect()) {
      c.send("a LOGIN " + BOB + " " + SECRET).expect("a OK");
      c.send("s SELECT INBOX").until("s OK");
      String first = c.send("f FETCH 1 (UID BODY.PEEK[])").expect("* 1 FETCH (UID 1 BODY[] {");
      size = Integer.parseInt(first.substring(first.indexOf('{') + 1, first.indexOf('}')));
      assertThat(new String(c.bytes(size), StandardCharsets.UTF_8)).contains(BODY_MARKER);
      c.expect(")");
      c.expect("f OK");
      c.send("g FETCH 1 (BODY.PEEK[TEXT] RFC822.SIZE)").until("g OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(r.clientAddress()).isEqualTo("127.0.0.1");
    assertThat(r.authUser()).isEqualTo(BOB);
    assertThat(r.tls()).isFalse();
    assertThat(r.helo()).isEmpty();
    assertThat(r.messageIds()).isEmpty();
    assertThat(lines(r).get(0)).startsWith("S: * OK [CAPABILITY IMAP4rev1 ").endsWith(" fakemail IMAP4rev1 ready");
    assertThat(lines(r)).containsSubsequence("C: a LOGIN " + BOB + " ****", "C: s SELECT INBOX", "S: * 1 EXISTS",
        "C: f FETCH 1 (UID BODY.PEEK[])", "S: * 1 FETCH (UID 1 BODY[] {" + size + " octets})", "S: f OK FETCH completed",
        "C: g FETCH 1 (BODY.PEEK[TEXT] RFC822.SIZE)", "C: z LOGOUT", "S: * BYE fakemail logging out", "S: z OK LOGOUT completed");
    assertThat(lines(r)).anyMatch(l -> l.startsWith("S: a OK [CAPABILITY ") && l.endsWith("] Logged in"));
    assertThat(lines(r)).anyMatch(l -> l.matches("S: \\* 1 FETCH \\(BODY\\[TEXT] \\{\\d+ octets} RFC822.SIZE " + size + "\\)"));
    assertNoSecrets(r);
  }

  /** LIST and LSUB lines, written from a reused builder and array, reach the transcript as they reach the client. */
  @Test
  void listingLinesAreRecordedAsSent() throws Exception {
    List<String> sent;
    try (Conversation c = connect()) {
      c.send("a LOGIN " + BOB + " " + SECRET).expect("a OK");
      c.send("b CREATE \"R&-D/say \\\"hi\\\"\"").expect("b OK");
      sent = c.send("l LIST \"\" *").until("l OK");
      c.send("m LSUB \"\" *").until("m OK");
      c.send("z LOGOUT").until("z OK");
    }
    assertThat(sent).contains("* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
        "* LIST (\\HasChildren) \"/\" \"R&-D\"", "* LIST (\\HasNoChildren) \"/\" \"R&-D/say \\\"hi\\\"\"");
    List<String> recorded = lines(ended(Listener.IMAP));
    for (String line : sent) {
      assertThat(recorded).contains("S: " + line);
    }
    assertThat(recorded).contains("S: * LSUB (\\HasNoChildren) \"/\" INBOX", "S: m OK LSUB completed");
  }

  @Test
  void appendShowsItsLiteralBySizeSynchronisingOrNot() throws Exception {
    String message = "Subject: appended\r\n\r\nThe text " + BODY_MARKER + "\r\n";
    int n = message.length();
    try (Conversation c = connect()) {
      c.send("a LOGIN " + BOB + " " + SECRET).expect("a OK");
      c.send("b APPEND INBOX (\\Seen) {" + n + "}").expect("+ ");
      c.sendRaw((message + "\r\n").getBytes(StandardCharsets.US_ASCII));
      c.expect("b OK [APPENDUID ");
      c.sendRaw(("c APPEND Drafts {" + n + "+}\r\n" + message + "\r\n").getBytes(StandardCharsets.US_ASCII));
      c.expect("c OK [APPENDUID ");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(lines(r)).contains("C: b APPEND INBOX (\\Seen) {" + n + " octets}", "C: c APPEND Drafts {" + n + " octets}");
    assertThat(lines(r)).anyMatch(l -> l.matches("S: b OK \\[APPENDUID \\d+ 1] APPEND completed"));
    assertNoSecrets(r);
  }

  @Test
  void loginWithLiteralsAndQuotedStringsIsMasked() throws Exception {
    try (Conversation c = connect()) {
      c.send("a LOGIN {" + BOB.length() + "}").expect("+ ");
      c.send(BOB + " {" + SECRET.length() + "}").expect("+ ");
      c.send(SECRET).expect("a OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(lines(r)).contains("C: a LOGIN {" + BOB.length() + " octets} ****");
    assertThat(r.authUser()).isEqualTo(BOB);
    assertNoSecrets(r);

    server.reset();
    try (Conversation c = connect()) {
      c.send("a LOGIN \"" + BOB + "\" \"" + SECRET + "\"").expect("a OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord quoted = ended(Listener.IMAP);
    assertThat(lines(quoted)).contains("C: a LOGIN \"" + BOB + "\" ****");
    assertNoSecrets(quoted);
  }

  @Test
  void aFailedLoginShowsNoPasswordAndNoAuthUser() throws Exception {
    try (Conversation c = connect()) {
      c.send("a LOGIN " + BOB + " wrong-" + SECRET).expect("a NO [AUTHENTICATIONFAILED]");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(r.authUser()).isEmpty();
    assertThat(lines(r)).contains("C: a LOGIN " + BOB + " ****", "S: a NO [AUTHENTICATIONFAILED] Invalid credentials");
    assertNoSecrets(r);
  }

  @Test
  void authenticatePlainIsMaskedWithAnInitialResponseAndInAContinuation() throws Exception {
    String plain = b64("\0" + BOB + "\0" + SECRET);
    try (Conversation c = connect()) {
      c.send("a AUTHENTICATE PLAIN " + plain).expect("a OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord first = ended(Listener.IMAP);
    assertThat(first.authUser()).isEqualTo(BOB);
    assertThat(lines(first)).contains("C: a AUTHENTICATE PLAIN ****");
    assertNoSecrets(first);

    server.reset();
    try (Conversation c = connect()) {
      c.send("a AUTHENTICATE PLAIN").expect("+ ");
      c.send(plain).expect("a OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord second = ended(Listener.IMAP);
    assertThat(lines(second)).containsSubsequence("C: a AUTHENTICATE PLAIN", "S: + ", "C: ****");
    assertThat(second.authUser()).isEqualTo(BOB);
    assertNoSecrets(second);
  }

  @Test
  void startTlsRecordsTheProtocolAndCipherAndWhatWasDiscarded() throws Exception {
    String injected = "2 LOGIN injected@example.test x\r\n";
    try (Conversation c = connect()) {
      c.sendRaw(("1 STARTTLS\r\n" + injected).getBytes(StandardCharsets.US_ASCII));
      c.expect("1 OK");
      c.startTls(server.tls().clientSslContext());
      c.send("3 LOGIN " + BOB + " " + SECRET).expect("3 OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(r.tls()).isTrue();
    assertThat(r.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(r.tlsCipher()).startsWith("TLS_");
    assertThat(lines(r)).containsSubsequence("C: 1 STARTTLS", "S: 1 OK Begin TLS negotiation now",
        "S: [" + injected.length() + " octets pipelined behind STARTTLS discarded]", "C: 3 LOGIN " + BOB + " ****");
    assertThat(lines(r)).noneMatch(l -> l.contains("injected@example.test"));
    assertNoSecrets(r);
  }

  @Test
  void imapsRecordsImplicitTls() throws Exception {
    try (Conversation c = Conversation.openTls(server.tls().clientSslContext(), server.host(), server.imapsPort())) {
      c.expect("* OK");
      c.send("1 LOGIN " + BOB + " " + SECRET).expect("1 OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAPS);
    assertThat(r.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(r.tlsCipher()).isNotEmpty();
    assertThat(lines(r)).contains("C: 1 LOGIN " + BOB + " ****");
    assertNoSecrets(r);
  }

  @Test
  void faultRulesThatFireAreInTheTranscript() throws Exception {
    Mailer.send(server, BOB, "Read me", "The text " + BODY_MARKER);
    server.awaitMessage(MessageFilter.to(BOB));
    Fault login = server.faults().add(Fault.at(Fault.Stage.LOGIN).reply("454 4.7.0 Not now").times(1));
    Fault fetch = server.faults().add(Fault.at(Fault.Stage.FETCH).reply("451 4.3.0 Try later").times(1));
    try (Conversation c = connect()) {
      c.send("a LOGIN " + BOB + " " + SECRET).expect("a NO [UNAVAILABLE] Not now");
      c.send("b LOGIN " + BOB + " " + SECRET).expect("b OK");
      c.send("s SELECT INBOX").until("s OK");
      c.send("f FETCH 1 BODY[]").expect("f NO [UNAVAILABLE] Try later");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    assertThat(lines(r)).containsSubsequence("C: a LOGIN " + BOB + " ****",
        "S: [fault " + login.id() + " fired: " + login.describe() + "]", "S: a NO [UNAVAILABLE] Not now",
        "C: f FETCH 1 BODY[]", "S: [fault " + fetch.id() + " fired: " + fetch.describe() + "]",
        "S: f NO [UNAVAILABLE] Try later");
    assertNoSecrets(r);
  }

  @Test
  void aLongSessionKeepsABoundedTranscriptAndCountsTheRest() throws Exception {
    int commands = SessionLog.MAX_LINES;
    StringBuilder pipelined = new StringBuilder();
    for (int i = 0; i < commands; i++) {
      pipelined.append("n").append(i).append(" NOOP\r\n");
    }
    try (Conversation c = connect()) {
      c.sendRaw(pipelined.toString().getBytes(StandardCharsets.US_ASCII));
      c.until("n" + (commands - 1) + " OK");
      c.send("z LOGOUT").until("z OK");
    }
    SessionRecord r = ended(Listener.IMAP);
    List<String> lines = lines(r);
    assertThat(lines).hasSize(SessionLog.MAX_LINES + 1);
    // greeting + (C, S) per NOOP + LOGOUT's C and two S lines, less those kept
    int dropped = 1 + 2 * commands + 3 - SessionLog.MAX_LINES;
    assertThat(lines.get(lines.size() - 1)).isEqualTo("S: [" + dropped + " more lines not kept]");
  }
}
