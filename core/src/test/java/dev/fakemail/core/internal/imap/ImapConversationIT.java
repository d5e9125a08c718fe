package dev.fakemail.core.internal.imap;

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

/** IMAP conversations over a raw socket: every command, its responses and its errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapConversationIT {
  private static final String BOB = "bob@example.test";
  private static final String RAW = "From: Alice <alice@app.test>\r\nTo: bob@example.test\r\nSubject: Hello there\r\n"
      + "Message-ID: <m1@app.test>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\nfirst line\r\nsecond line\r\n";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP, Listener.IMAPS).start();
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

  private Conversation login() throws Exception {
    Conversation c = connect();
    c.send("a LOGIN " + BOB + " secret").expect("a OK");
    return c;
  }

  private Conversation selectInbox() throws Exception {
    Conversation c = login();
    c.send("s SELECT INBOX").until("s OK [READ-WRITE]");
    return c;
  }

  private void deliverRaw(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      Mailer.sendRaw(server, "alice@app.test", BOB, RAW.replace("Hello there", "Hello " + (i + 1)));
    }
    server.awaitMessages(MessageFilter.to(BOB), n);
  }

  @Test
  void greetingCapabilityNoopAndLogout() throws Exception {
    try (Conversation c = connect()) {
      String caps = c.send("1 CAPABILITY").expect("* CAPABILITY");
      assertThat(caps).contains("IMAP4rev1", "IDLE", "UIDPLUS", "MOVE", "NAMESPACE", "ID", "ENABLE", "LITERAL+",
          "SPECIAL-USE", "STARTTLS", "AUTH=PLAIN");
      c.expect("1 OK");
      c.send("2 NOOP").expect("2 OK");
      c.send("3 LOGOUT").expect("* BYE");
      c.expect("3 OK");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void errorsForUnknownCommandsBadSyntaxAndWrongState() throws Exception {
    try (Conversation c = connect()) {
      c.send("1 FROB").expect("1 BAD");
      c.send("2 SELECT INBOX").expect("2 BAD");
      c.send("3 LOGIN onlyuser").expect("3 BAD");
      c.send("4 UID NOOP").expect("4 BAD");
      c.send("").expect("* BAD");
      c.send("5 FETCH 1 FLAGS").expect("5 BAD");
      c.send("6 LOGIN " + BOB + " x").expect("6 OK");
    }
    try (Conversation c = login()) {
      c.send("7 LOGIN " + BOB + " x").expect("7 BAD");
      c.send("8 FETCH 1 FLAGS").expect("8 BAD");
      c.send("9 SELECT nosuch").expect("9 NO");
      c.send("10 SELECT INBOX").until("10 OK");
      c.send("11 FETCH 1 FLAGS").expect("11 BAD");
      c.send("12 FETCH x FLAGS").expect("12 BAD");
      c.send("13 STORE 1 FOO (\\Seen)").expect("13 BAD");
      c.send("14 SEARCH FROBBLE").expect("14 BAD");
      c.send("15 FETCH 1:* (FLAGS").expect("15 BAD");
    }
  }

  @Test
  void malformedCommandsGetBadAndTheSessionGoesOn() throws Exception {
    deliverRaw(1);
    List<String> bad = List.of("FETCH 1 (BODY[", "FETCH 1 BODY[HEADER.FIELDS]", "FETCH 1 (",
        "FETCH 1 ()", "FETCH", "FETCH 1:2:3 FLAGS", "FETCH 1 BODY[]<a.b>", "SEARCH", "SEARCH OR", "SEARCH OR ALL",
        "SEARCH NOT", "SEARCH (ALL", "SEARCH HEADER", "SEARCH LARGER x", "SEARCH UID", "SEARCH \"unterminated",
        "STORE 1 +FLAGS (", "STORE 1 +FLAGS", "STORE", "STORE 1 +FLAGS (\\Recent \\Nope)", "COPY", "COPY 1",
        "MOVE 1", "LIST", "LIST \"\"", "LIST (BOGUS) \"\" *", "APPEND INBOX (\\Seen", "APPEND INBOX \"bad date\" {1+}\r\nx",
        "APPEND", "STATUS INBOX", "STATUS INBOX (", "CREATE", "RENAME a", "SELECT", "EXAMINE \"", "UID", "UID FETCH",
        "UID EXPUNGE", "UID EXPUNGE x", "ID (\"a\"", "ID x", "ENABLE", "LOGIN a b c", "AUTHENTICATE", "NOOP x",
        "CAPABILITY x", "IDLE x", "SUBSCRIBE", "EXPUNGE x", "CHECK x", "CLOSE x", "UNSELECT x", "NAMESPACE x",
        "SEARCH CHARSET", "SEARCH SENTBEFORE 1-Foo-2000", "FETCH 4294967295 FLAGS", "UID FETCH 1:4294967296 FLAGS");
    try (FakeMailServer lenient = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP).maxErrors(1000).start()) {
      Mailer.sendRaw(lenient, "alice@app.test", BOB, RAW);
      lenient.awaitMessage(MessageFilter.to(BOB));
      try (Conversation c = Conversation.open(lenient.host(), lenient.imapPort())) {
        c.expect("* OK");
        c.send("a LOGIN " + BOB + " x").expect("a OK");
        c.send("b SELECT INBOX").until("b OK");
        int i = 0;
        List<String> wrong = new java.util.ArrayList<>();
        for (String command : bad) {
          String tag = "t" + i++;
          c.sendRaw((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
          List<String> reply = c.until(tag + " ");
          String last = reply.get(reply.size() - 1);
          if (!last.matches(tag + " (BAD|NO) .*")) {
            wrong.add(command + " -> " + last);
          }
        }
        assertThat(wrong).isEmpty();
        c.send("z NOOP").expect("z OK");
      }
    }
  }

  @Test
  void tooManyErrorsEndTheConnection() throws Exception {
    try (Conversation c = connect()) {
      for (int i = 1; i < 10; i++) {
        c.send(i + " FROB").expect(i + " BAD");
      }
      c.send("10 FROB").expect("10 BAD");
      c.expect("* BYE");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void loginInStrictModeChecksThePassword() throws Exception {
    try (FakeMailServer strict = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP).user(BOB, "pw").start();
         Conversation c = Conversation.open(strict.host(), strict.imapPort())) {
      c.expect("* OK");
      c.send("1 LOGIN " + BOB + " wrong").expect("1 NO [AUTHENTICATIONFAILED]");
      c.send("2 LOGIN carol@example.test pw").expect("2 NO [AUTHENTICATIONFAILED]");
      String plain = Base64.getEncoder().encodeToString(("\0" + BOB + "\0wrong").getBytes(StandardCharsets.UTF_8));
      c.send("3 AUTHENTICATE PLAIN " + plain).expect("3 NO [AUTHENTICATIONFAILED]");
      c.send("4 LOGIN " + BOB + " pw").expect("4 OK");
    }
  }

  @Test
  void authenticatePlainWithContinuationAndInitialResponse() throws Exception {
    String plain = Base64.getEncoder().encodeToString(("\0" + BOB + "\0pw").getBytes(StandardCharsets.UTF_8));
    try (Conversation c = connect()) {
      c.send("1 AUTHENTICATE PLAIN").expect("+");
      c.send("*").expect("1 BAD");
      c.send("2 AUTHENTICATE CRAM-MD5").expect("2 NO");
      c.send("3 AUTHENTICATE PLAIN").expect("+");
      c.send("%%%").expect("3 BAD");
      c.send("4 AUTHENTICATE PLAIN").expect("+");
      c.send(plain).expect("4 OK");
    }
    try (Conversation c = connect()) {
      c.send("1 AUTHENTICATE PLAIN " + plain).expect("1 OK");
    }
  }

  @Test
  void literalsSynchronisingAndNonSynchronising() throws Exception {
    try (Conversation c = connect()) {
      c.send("1 LOGIN {16}").expect("+");
      c.send(BOB + " {2+}");
      c.send("pw").expect("1 OK");
    }
  }

  @Test
  void literalsBeforeLoginAreLimitedToCredentialSize() throws Exception {
    try (Conversation c = connect()) {
      c.send("1 LOGIN {100000}").expect("1 NO [TOOBIG]");
      c.send("2 LOGIN " + BOB + " x").expect("2 OK");
    }
  }

  @Test
  void tooLargeLiteralIsRefusedBeforeItIsSent() throws Exception {
    try (FakeMailServer small = FakeMailServer.builder().listeners(Listener.IMAP).maxMessageSize(100).start();
         Conversation c = Conversation.open(small.host(), small.imapPort())) {
      c.expect("* OK");
      c.send("1 LOGIN " + BOB + " x").expect("1 OK");
      c.send("2 APPEND INBOX {1000}").expect("2 NO [TOOBIG]");
      c.send("3 NOOP").expect("3 OK");
      c.send("4 APPEND INBOX {1000+}").expect("4 BAD [TOOBIG]");
      c.expect("* BYE");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void selectReportsCountsAndUidValidityAndExamineIsReadOnly() throws Exception {
    deliverRaw(2);
    try (Conversation c = login()) {
      List<String> lines = c.send("1 SELECT INBOX").until("1 OK");
      assertThat(lines).contains("* 2 EXISTS", "* 2 RECENT");
      assertThat(lines).anyMatch(l -> l.startsWith("* OK [UIDVALIDITY "));
      assertThat(lines).anyMatch(l -> l.startsWith("* OK [UIDNEXT 3]"));
      assertThat(lines).anyMatch(l -> l.startsWith("* OK [UNSEEN 1]"));
      assertThat(lines.get(lines.size() - 1)).startsWith("1 OK [READ-WRITE]");
      lines = c.send("2 EXAMINE INBOX").until("2 OK");
      assertThat(lines).contains("* 0 RECENT");
      assertThat(lines.get(lines.size() - 1)).startsWith("2 OK [READ-ONLY]");
      c.send("3 STORE 1 +FLAGS (\\Seen)").expect("3 NO");
      c.send("4 EXPUNGE").expect("4 NO");
    }
  }

  @Test
  void fetchItemsAndSizeMatchesTheBody() throws Exception {
    deliverRaw(1);
    try (Conversation c = selectInbox()) {
      String line = c.send("1 FETCH 1 (FLAGS UID INTERNALDATE RFC822.SIZE ENVELOPE)").expect("* 1 FETCH");
      assertThat(line).contains("FLAGS (\\Recent)", "UID 1", "INTERNALDATE \"");
      assertThat(line).contains("ENVELOPE (\"Mon, 2 Mar 2026 10:00:00 +0000\" \"Hello 1\" ((\"Alice\" NIL \"alice\" \"app.test\"))");
      assertThat(line).contains("\"<m1@app.test>\")");
      int size = Integer.parseInt(line.replaceAll(".*RFC822.SIZE (\\d+).*", "$1"));
      c.expect("1 OK");
      String body = c.send("2 FETCH 1 BODY.PEEK[]").expect("* 1 FETCH (BODY[] {" + size + "}");
      assertThat(body).endsWith("{" + size + "}");
      byte[] bytes = c.bytes(size);
      assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("Return-Path: <alice@app.test>\r\nAuthentication-Results: ")
          .contains(";\r\n\tdkim=none;\r\n\tspf=none (domain of alice@app.test does not designate permitted sender hosts)"
              + " smtp.mailfrom=alice@app.test;\r\n\tdmarc=none (no DMARC record for ")
          .contains("\r\nReceived: ")
          .endsWith(RAW.replace("Hello there", "Hello 1"));
      c.expect(")");
      c.expect("2 OK");
      c.send("3 FETCH 1 FLAGS").expect("* 1 FETCH (FLAGS (\\Recent))");
      c.expect("3 OK");
      c.send("4 FETCH 1 BODY[TEXT]").expect("* 1 FETCH (BODY[TEXT] {25}");
      assertThat(c.line()).isEqualTo("first line");
      assertThat(c.line()).isEqualTo("second line");
      assertThat(c.line()).isEqualTo(" FLAGS (\\Seen \\Recent))");
      c.expect("4 OK");
      c.send("5 FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject)]").expect("* 1 FETCH (BODY[HEADER.FIELDS (Subject)] {20}");
      assertThat(c.line()).isEqualTo("Subject: Hello 1");
      assertThat(c.line()).isEmpty();
      c.expect(")");
      c.expect("5 OK");
      c.send("6 FETCH 1 BODY.PEEK[TEXT]<6.4>").expect("* 1 FETCH (BODY[TEXT]<6> {4}");
      assertThat(new String(c.bytes(4), StandardCharsets.US_ASCII)).isEqualTo("line");
      c.expect(")");
      c.expect("6 OK");
      String bs = c.send("7 FETCH 1 BODYSTRUCTURE").expect("* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\"");
      assertThat(bs).contains("\"7BIT\" 25 2");
      c.expect("7 OK");
      c.send("8 FETCH 1 (RFC822.HEADER)").expect("* 1 FETCH (RFC822.HEADER {");
      c.until(")");
      c.expect("8 OK");
      c.send("9 UID FETCH 1 FAST").expect("* 1 FETCH (UID 1 FLAGS");
      c.expect("9 OK");
      c.send("10 FETCH 1 (BODY[1])").expect("* 1 FETCH (BODY[1] {25}");
      c.until(")");
      c.expect("10 OK");
      c.send("11 FETCH 1 (BODY.PEEK[HEADER.FIELDS.NOT (Subject Received Return-Path From To Message-ID Date)])")
          .expect("* 1 FETCH (BODY[HEADER.FIELDS.NOT");
      c.until(")");
      c.expect("11 OK");
      c.send("12 UID FETCH 99 FLAGS").expect("12 OK");
    }
  }

  @Test
  void storeChangesFlagsAndSilentSendsNothing() throws Exception {
    deliverRaw(2);
    try (Conversation c = selectInbox()) {
      c.send("1 STORE 1 +FLAGS (\\Flagged \\Seen)").expect("* 1 FETCH (FLAGS (");
      c.expect("1 OK");
      c.send("2 STORE 1 -FLAGS.SILENT (\\Seen)").expect("2 OK");
      c.send("3 UID STORE 2 FLAGS ($Label1)").expect("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1)");
      c.expect("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1 \\*)]");
      c.expect("* 2 FETCH (FLAGS ($Label1 \\Recent) UID 2)");
      c.expect("3 OK");
      c.send("4 FETCH 1:2 FLAGS").expect("* 1 FETCH (FLAGS (\\Flagged \\Recent))");
      c.expect("* 2 FETCH");
      c.expect("4 OK");
      c.send("5 STORE 1 +FLAGS (\\Bogus)").expect("5 BAD");
    }
  }

  @Test
  void searchKeys() throws Exception {
    deliverRaw(3);
    Mailer.send(server, BOB, "Different", "some unique words");
    server.awaitMessages(MessageFilter.to(BOB), 4);
    try (Conversation c = selectInbox()) {
      c.send("0 STORE 2 +FLAGS.SILENT (\\Seen \\Flagged)").expect("0 OK");
      c.send("1 SEARCH ALL").expect("* SEARCH 1 2 3 4");
      c.expect("1 OK");
      c.send("2 SEARCH SUBJECT \"hello 2\"").expect("* SEARCH 2");
      c.expect("2 OK");
      c.send("3 SEARCH FROM alice").expect("* SEARCH 1 2 3");
      c.expect("3 OK");
      c.send("4 SEARCH BODY unique").expect("* SEARCH 4");
      c.expect("4 OK");
      c.send("5 SEARCH TEXT \"first line\"").expect("* SEARCH 1 2 3");
      c.expect("5 OK");
      c.send("6 SEARCH SEEN").expect("* SEARCH 2");
      c.expect("6 OK");
      c.send("7 SEARCH UNSEEN NOT FLAGGED").expect("* SEARCH 1 3 4");
      c.expect("7 OK");
      c.send("8 SEARCH OR SUBJECT \"hello 1\" SUBJECT different").expect("* SEARCH 1 4");
      c.expect("8 OK");
      c.send("9 UID SEARCH UID 2:3").expect("* SEARCH 2 3");
      c.expect("9 OK");
      c.send("10 SEARCH 2:3 LARGER 10 SMALLER 100000").expect("* SEARCH 2 3");
      c.expect("10 OK");
      c.send("11 SEARCH SINCE 1-Jan-2000 BEFORE 1-Jan-2200").expect("* SEARCH 1 2 3 4");
      c.expect("11 OK");
      c.send("12 SEARCH ON 1-Jan-2000").expect("* SEARCH");
      c.expect("12 OK");
      c.send("13 SEARCH HEADER Message-ID m1@app").expect("* SEARCH 1 2 3");
      c.expect("13 OK");
      c.send("14 SEARCH CHARSET UTF-8 TO bob DELETED").expect("* SEARCH");
      c.expect("14 OK");
      c.send("15 SEARCH CC nobody").expect("* SEARCH");
      c.expect("15 OK");
      c.send("16 SEARCH (FLAGGED SEEN) NOT DELETED").expect("* SEARCH 2");
      c.expect("16 OK");
      c.send("17 SEARCH CHARSET KOI8-R ALL").expect("17 NO [BADCHARSET");
      c.send("18 SEARCH BEFORE yesterday").expect("18 BAD");
    }
  }

  @Test
  void mailboxManagementCommands() throws Exception {
    try (Conversation c = login()) {
      List<String> list = c.send("1 LIST \"\" *").until("1 OK");
      assertThat(list).contains("* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
          "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"", "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
          "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"");
      c.send("2 LIST \"\" \"\"").expect("* LIST (\\Noselect) \"/\" \"\"");
      c.expect("2 OK");
      c.send("3 CREATE Work/Projects").expect("3 OK");
      c.send("4 CREATE Work").expect("4 NO [ALREADYEXISTS]");
      c.send("5 LIST \"\" %").until("5 OK");
      list = c.send("6 LIST Work %").until("6 OK");
      assertThat(list).containsExactly("* LIST (\\HasNoChildren) \"/\" \"Work/Projects\"", list.get(1));
      c.send("7 RENAME Work Jobs").expect("7 OK");
      c.send("8 STATUS Jobs/Projects (MESSAGES UIDNEXT UNSEEN RECENT UIDVALIDITY)")
          .expect("* STATUS \"Jobs/Projects\" (MESSAGES 0 UIDNEXT 1 UNSEEN 0 RECENT 0 UIDVALIDITY ");
      c.expect("8 OK");
      c.send("9 STATUS Nope (MESSAGES)").expect("9 NO");
      c.send("10 STATUS INBOX (BOGUS)").expect("10 BAD");
      c.send("11 SUBSCRIBE Jobs").expect("11 OK");
      list = c.send("12 LSUB \"\" *").until("12 OK");
      assertThat(list).contains("* LSUB (\\HasChildren) \"/\" \"Jobs\"");
      c.send("13 UNSUBSCRIBE Jobs").expect("13 OK");
      c.send("14 DELETE Jobs/Projects").expect("14 OK");
      c.send("15 DELETE Jobs/Projects").expect("15 NO");
      c.send("16 DELETE INBOX").expect("16 NO");
      c.send("17 RENAME Nope Other").expect("17 NO");
      list = c.send("18 LIST (SPECIAL-USE) \"\" *").until("18 OK");
      assertThat(list).hasSize(5);
      c.send("19 NAMESPACE").expect("* NAMESPACE ((\"\" \"/\")) NIL NIL");
      c.expect("19 OK");
      c.send("20 ID (\"name\" \"test\")").expect("* ID (\"name\" \"fakemail\"");
      c.expect("20 OK");
      c.send("21 ENABLE CONDSTORE").expect("* ENABLED");
      c.expect("21 OK");
      c.send("22 CREATE \"../carol@example.test/INBOX\"").expect("22 NO");
      c.send("23 CHECK").expect("23 BAD");
    }
  }

  @Test
  void appendCopyMoveExpungeAndClose() throws Exception {
    deliverRaw(2);
    try (Conversation c = selectInbox()) {
      byte[] msg = "Subject: appended\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII);
      c.send("1 APPEND Drafts (\\Draft) \"02-Mar-2026 10:00:00 +0100\" {" + msg.length + "}").expect("+");
      c.sendRaw(msg);
      c.send("").expect("1 OK [APPENDUID ");
      c.send("2 APPEND Nope {2+}");
      c.send("hi").expect("2 NO [TRYCREATE]");
      c.send("3 COPY 1:2 Trash").expect("3 OK [COPYUID ");
      c.send("4 COPY 1 Nope").expect("4 NO [TRYCREATE]");
      c.send("5 STATUS Trash (MESSAGES)").expect("* STATUS \"Trash\" (MESSAGES 2)");
      c.expect("5 OK");
      c.send("6 UID MOVE 2 Junk").expect("* OK [COPYUID ");
      c.expect("* 2 EXPUNGE");
      c.expect("6 OK");
      c.send("7 STORE 1 +FLAGS.SILENT (\\Deleted)").expect("7 OK");
      c.send("8 EXPUNGE").expect("* 1 EXPUNGE");
      c.expect("8 OK");
      c.send("9 CHECK").expect("9 OK");
      c.send("10 SELECT Trash").until("10 OK");
      c.send("11 STORE 1:2 +FLAGS.SILENT (\\Deleted)").expect("11 OK");
      c.send("12 UID EXPUNGE 1").expect("* 1 EXPUNGE");
      c.expect("12 OK");
      c.send("13 CLOSE").expect("13 OK");
      c.send("14 STATUS Trash (MESSAGES)").expect("* STATUS \"Trash\" (MESSAGES 0)");
      c.expect("14 OK");
      c.send("15 SELECT Drafts").until("15 OK");
      c.send("16 FETCH 1 (FLAGS INTERNALDATE)").expect("* 1 FETCH (FLAGS (\\Draft \\Recent) INTERNALDATE \"02-Mar-2026 09:00:00 +0000\")");
      c.expect("16 OK");
      c.send("17 UNSELECT").expect("17 OK");
      c.send("18 FETCH 1 FLAGS").expect("18 BAD");
    }
  }

  @Test
  void changesBySomeoneElseArriveAsUntaggedUpdates() throws Exception {
    deliverRaw(2);
    try (Conversation a = selectInbox(); Conversation b = selectInbox()) {
      b.send("1 STORE 1 +FLAGS (\\Flagged)").until("1 OK");
      a.send("1 NOOP").expect("* 1 FETCH (FLAGS (");
      a.expect("1 OK");
      deliverRaw(3);
      a.send("2 NOOP").expect("* 5 EXISTS");
      a.until("2 OK");
      b.send("2 STORE 2 +FLAGS.SILENT (\\Deleted)").until("2 OK");
      b.send("3 EXPUNGE").expect("* 2 EXPUNGE");
      b.until("3 OK");
      List<String> during = a.send("3 FETCH 2 UID").until("3 OK");
      assertThat(during).contains("* 2 FETCH (UID 2)").noneMatch(l -> l.contains("EXPUNGE")); // not during FETCH
      a.send("4 NOOP").expect("* 2 EXPUNGE");
      a.expect("4 OK");
    }
  }

  @Test
  void idleReportsNewMailAtOnce() throws Exception {
    try (Conversation c = selectInbox()) {
      c.send("1 IDLE").expect("+ ");
      deliverRaw(1);
      c.expect("* 1 EXISTS");
      c.send("DONE").until("1 OK");
      c.send("2 IDLE").expect("+ ");
      c.send("NOTDONE").expect("2 BAD");
    }
  }

  @Test
  void idleOutlivesTheIdleTimeoutWhileASilentClientIsDropped() throws Exception {
    try (FakeMailServer short500 = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP)
            .idleTimeout(java.time.Duration.ofMillis(500)).start();
         Conversation idler = Conversation.open(short500.host(), short500.imapPort());
         Conversation silent = Conversation.open(short500.host(), short500.imapPort())) {
      idler.expect("* OK");
      idler.send("a LOGIN " + BOB + " x").expect("a OK");
      idler.send("s SELECT INBOX").until("s OK");
      idler.send("1 IDLE").expect("+ ");
      long idleSince = System.nanoTime();
      silent.expect("* OK");
      silent.send("a LOGIN " + BOB + " x").expect("a OK");
      // The silent client is dropped once the idle timeout has passed: that is the condition waited on.
      assertThat(silent.closedByServer()).isTrue();
      assertThat(System.nanoTime() - idleSince).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
      Mailer.sendRaw(short500, "alice@app.test", BOB, RAW);
      idler.expect("* 1 EXISTS");
      idler.send("DONE").until("1 OK");
      idler.send("2 NOOP").expect("2 OK");
    }
  }

  @Test
  void mailboxNamesAreModifiedUtf7OnTheWireAndUnicodeInside() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE &AOQ-/Entw&APw-rfe").expect("1 OK");
      c.send("2 CREATE R&-D").expect("2 OK");
      List<String> list = c.send("3 LIST \"\" *").until("3 OK");
      assertThat(list).contains("* LIST (\\HasChildren) \"/\" \"&AOQ-\"",
          "* LIST (\\HasNoChildren) \"/\" \"&AOQ-/Entw&APw-rfe\"", "* LIST (\\HasNoChildren) \"/\" \"R&-D\"");
      assertThat(c.send("4 LIST \"&AOQ-\" %").until("4 OK")).contains("* LIST (\\HasNoChildren) \"/\" \"&AOQ-/Entw&APw-rfe\"");
      c.send("5 SUBSCRIBE &AOQ-/Entw&APw-rfe").expect("5 OK");
      assertThat(c.send("6 LSUB \"\" *").until("6 OK")).contains("* LSUB (\\HasNoChildren) \"/\" \"&AOQ-/Entw&APw-rfe\"");
      c.send("7 APPEND &AOQ-/Entw&APw-rfe {5}").expect("+ ");
      c.send("hello").expect("7 OK");
      c.send("8 STATUS &AOQ-/Entw&APw-rfe (MESSAGES)").expect("* STATUS \"&AOQ-/Entw&APw-rfe\" (MESSAGES 1)");
      c.expect("8 OK");
      c.send("9 RENAME &AOQ-/Entw&APw-rfe &ZeVnLIqe-").expect("9 OK");
      c.send("10 SELECT &ZeVnLIqe-").until("10 OK");
      c.send("11 COPY 1 R&-D").expect("11 OK");
      c.send("12 MOVE 1 &AOQ-").until("12 OK");
      c.send("13 STATUS &AOQ- (MESSAGES)").expect("* STATUS \"&AOQ-\" (MESSAGES 1)");
      c.expect("13 OK");
      c.send("14 CREATE R&D").expect("14 NO [CANNOT]"); // not modified UTF-7: a name the server will not use
      c.send("15 SELECT &AOR-").expect("15 NO [CANNOT]");
      c.send("16 DELETE R&-D").expect("16 OK");
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).folders()).extracting(f -> f.name())
        .contains("ä", "日本語").doesNotContain("R&D", "ä/Entwürfe");
  }

  @Test
  void deletingAFolderWithSubfoldersEmptiesItAndLeavesItNoselect() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE Work/Clients").expect("1 OK");
      c.send("2 APPEND Work {5}").expect("+ ");
      c.send("hello").expect("2 OK");
      c.send("3 APPEND Work/Clients {5}").expect("+ ");
      c.send("hello").expect("3 OK");
      c.send("4 DELETE Work").expect("4 OK");
      assertThat(c.send("5 LIST \"\" Work*").until("5 OK")).containsExactly(
          "* LIST (\\Noselect \\HasChildren) \"/\" \"Work\"", "* LIST (\\HasNoChildren) \"/\" \"Work/Clients\"",
          "5 OK LIST completed");
      c.send("6 SELECT Work").expect("6 NO");
      c.send("7 STATUS Work (MESSAGES)").expect("7 NO");
      c.send("8 APPEND Work {5}").expect("+ ");
      c.send("hello").expect("8 NO");
      c.send("9 DELETE Work").expect("9 NO"); // \Noselect with inferiors: an error (RFC 3501 §6.3.4)
      c.send("10 STATUS Work/Clients (MESSAGES)").expect("* STATUS \"Work/Clients\" (MESSAGES 1)");
      c.expect("10 OK");
      c.send("11 SELECT Work/Clients").until("11 OK");
      c.send("12 COPY 1 Work").expect("12 NO");
      c.send("13 UNSELECT").expect("13 OK");
      c.send("13a DELETE Work/Clients").expect("13a OK");
      c.send("14 CREATE Work").expect("14 OK"); // a \Noselect name can be made a folder again
      c.send("15 STATUS Work (MESSAGES)").expect("* STATUS \"Work\" (MESSAGES 0)");
      c.expect("15 OK");
      c.send("16 DELETE Work").expect("16 OK");
      assertThat(c.send("17 LIST \"\" Work*").until("17 OK")).containsExactly("17 OK LIST completed");
    }
  }

  @Test
  void stoppingTheServerEndsAnIdleAtOnceInsteadOfWaitingOutTheGrace() throws Exception {
    FakeMailServer idleServer = FakeMailServer.builder().listeners(Listener.IMAP).start();
    try (Conversation c = Conversation.open(idleServer.host(), idleServer.imapPort())) {
      c.expect("* OK");
      c.send("a LOGIN " + BOB + " x").expect("a OK");
      c.send("s SELECT INBOX").until("s OK");
      c.send("1 IDLE").expect("+ ");
      long before = System.nanoTime();
      idleServer.close();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).as("stop took (grace is 2000 ms)")
          .isLessThan(1500);
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void startTlsUpgradesAndDiscardsPipelinedPlaintext() throws Exception {
    try (Conversation c = connect()) {
      c.sendRaw(("1 STARTTLS\r\n2 LOGIN " + BOB + " x\r\n").getBytes(StandardCharsets.US_ASCII));
      c.expect("1 OK");
      c.startTls(server.tls().clientSslContext());
      c.send("3 SELECT INBOX").expect("3 BAD"); // the pipelined LOGIN was dropped
      String caps = c.send("4 CAPABILITY").expect("* CAPABILITY");
      assertThat(caps).doesNotContain("STARTTLS");
      c.expect("4 OK");
      c.send("5 STARTTLS").expect("5 BAD");
      c.send("6 LOGIN " + BOB + " x").expect("6 OK");
    }
  }

  @Test
  void imapsSpeaksTlsFromTheStart() throws Exception {
    try (Conversation c = Conversation.openTls(server.tls().clientSslContext(), server.host(), server.imapsPort())) {
      c.expect("* OK");
      c.send("1 LOGIN " + BOB + " x").expect("1 OK");
    }
  }
}
