package dev.fakemail.core.internal.imap;

import dev.fakemail.core.internal.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.MessageFilter;
import dev.fakemail.core.support.Conversation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IMAP conversations for what Dovecot's imaptest and hand checks found (issue 17): search dates in
 * any case, address groups in ENVELOPE, raw UTF-8 headers and UTF8=ACCEPT, multipart/digest parts,
 * keywords in FLAGS, address searches against the envelope's address, NO for names that are not
 * modified UTF-7. Each with the neighbouring cases the same mistake would break.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapConformanceIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.SMTP, Listener.IMAP).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Conversation login() throws Exception {
    Conversation c = Conversation.open(server.host(), server.imapPort());
    c.expect("* OK [CAPABILITY IMAP4rev1");
    c.send("a LOGIN " + BOB + " secret").expect("a OK");
    return c;
  }

  private Conversation select(String folder) throws Exception {
    Conversation c = login();
    c.send("s SELECT " + folder).until("s OK [READ-WRITE]");
    return c;
  }

  /** APPENDs a message (CRLF line ends) with an optional date-time, as a non-synchronising literal. */
  private static void append(Conversation c, String folder, String dateTime, String message) throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    c.send("ap APPEND " + folder + (dateTime == null ? "" : " \"" + dateTime + "\"") + " {" + bytes.length + "+}");
    c.sendRaw(bytes);
    List<String> lines = c.send("").until("ap ");
    assertThat(lines.get(lines.size() - 1)).startsWith("ap OK");
  }

  private static String crlf(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  /** Sends a command and returns everything up to its tagged OK, lines joined with CRLF (literals inline). */
  private static String response(Conversation c, String tag, String command) throws Exception {
    List<String> lines = c.send(tag + " " + command).until(tag + " ");
    assertThat(lines.get(lines.size() - 1)).as(String.join("\n", lines)).startsWith(tag + " OK");
    return String.join("\r\n", lines);
  }

  private static String search(Conversation c, String keys) throws Exception {
    List<String> lines = c.send("q SEARCH " + keys).until("q ");
    assertThat(lines.get(lines.size() - 1)).as(keys + ": " + lines).startsWith("q OK");
    return lines.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow();
  }

  // ---- item 1: search dates are case-insensitive, every date key ----

  @Test
  void everyDateSearchKeyTakesTheMonthInAnyCase() throws Exception {
    try (Conversation c = login()) {
      // the APPEND date-time's month in lower case is accepted too (same grammar)
      append(c, "INBOX", "24-mar-2007 12:00:00 +0000", crlf("Date: Sun, 25 Mar 2007 01:30:00 +0200", "Subject: one", "", "x"));
      append(c, "INBOX", "02-JAN-2023 08:00:00 +0000", crlf("Date: 2 Jan 2023 08:00:00 -0800", "Subject: two", "", "x"));
      append(c, "INBOX", "15-Jun-2026 10:00:00 +0000", crlf("Date: Mon, 15 Jun 2026 23:59:00 -1100", "Subject: three", "",
          "x"));
      c.send("s SELECT INBOX").until("s OK");
      for (String mar : List.of("Mar", "mar", "MAR", "mAr")) {
        assertThat(search(c, "ON 24-" + mar + "-2007")).isEqualTo("* SEARCH 1");
        assertThat(search(c, "BEFORE 25-" + mar + "-2007")).isEqualTo("* SEARCH 1");
        assertThat(search(c, "SINCE 25-" + mar + "-2007")).isEqualTo("* SEARCH 2 3");
        // the sent date is the Date header's own day, whatever its zone (RFC 3501 §6.4.4)
        assertThat(search(c, "SENTON 25-" + mar + "-2007")).isEqualTo("* SEARCH 1");
        assertThat(search(c, "SENTBEFORE 24-" + mar + "-2007")).isEqualTo("* SEARCH");
        assertThat(search(c, "SENTSINCE 24-" + mar + "-2007")).isEqualTo("* SEARCH 1 2 3");
      }
      assertThat(search(c, "since 1-JAN-2000")).isEqualTo("* SEARCH 1 2 3");
      assertThat(search(c, "SENTSINCE \"3-jan-2023\"")).isEqualTo("* SEARCH 3");
      assertThat(search(c, "senton 15-JUN-2026")).isEqualTo("* SEARCH 3");
      assertThat(search(c, "SENTON 2-jan-2023")).isEqualTo("* SEARCH 2");
      assertThat(search(c, "OR ON 2-Jan-2023 SENTBEFORE 1-jan-2008")).isEqualTo("* SEARCH 1 2");
      c.send("b1 SEARCH SINCE 1-Foo-2000").expect("b1 BAD");
      c.send("b2 SEARCH SENTON 32-Jan-2000").expect("b2 BAD");
    }
  }

  // ---- item 3: address groups in ENVELOPE, in every address field and in a nested message ----

  private static final String GROUPS = crlf("Date: Thu, 15 Feb 2007 01:02:03 +0200", "From: user@domain (Real Name)",
      "Sender: Team: a@b.example;", "Reply-To: undisclosed-recipients:;",
      "To: group: g1@d1.org, Two <g2@d2.org>;, group2: g3@d3.org;, solo@d4.org", "Cc: group:;",
      "Bcc: \"Quoted, Name\" <q@d5.org>, <@route1,@route2:r@d6.org>", "Subject: groups", "", "body");

  @Test
  void envelopeListsAddressGroupsWithStartAndEndMarkers() throws Exception {
    try (Conversation c = login()) {
      append(c, "INBOX", null, GROUPS);
      c.send("s SELECT INBOX").until("s OK");
      String envelope = response(c, "f", "FETCH 1 ENVELOPE");
      assertThat(envelope).contains("* 1 FETCH (ENVELOPE (\"Thu, 15 Feb 2007 01:02:03 +0200\" \"groups\" "
          + "((\"Real Name\" NIL \"user\" \"domain\")) "
          + "((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"b.example\")(NIL NIL NIL NIL)) "
          + "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
          + "((NIL NIL \"group\" NIL)(NIL NIL \"g1\" \"d1.org\")(\"Two\" NIL \"g2\" \"d2.org\")(NIL NIL NIL NIL)"
          + "(NIL NIL \"group2\" NIL)(NIL NIL \"g3\" \"d3.org\")(NIL NIL NIL NIL)(NIL NIL \"solo\" \"d4.org\")) "
          + "((NIL NIL \"group\" NIL)(NIL NIL NIL NIL)) "
          + "((\"Quoted, Name\" NIL \"q\" \"d5.org\")(NIL \"@route1,@route2\" \"r\" \"d6.org\")) NIL NIL))");
    }
  }

  @Test
  void bodystructureOfAForwardedMessageCarriesItsEnvelopeWithGroups() throws Exception {
    String outer = crlf("From: fwd@example.test", "Subject: Fwd", "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "", "see below",
        "--b", "Content-Type: message/rfc822", "", GROUPS.trim(), "--b--");
    try (Conversation c = login()) {
      append(c, "INBOX", null, outer);
      c.send("s SELECT INBOX").until("s OK");
      String bs = response(c, "f", "FETCH 1 BODYSTRUCTURE");
      assertThat(bs).contains("(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ")
          .contains("((NIL NIL \"group\" NIL)(NIL NIL \"g1\" \"d1.org\")(\"Two\" NIL \"g2\" \"d2.org\")(NIL NIL NIL NIL)"
              + "(NIL NIL \"group2\" NIL)(NIL NIL \"g3\" \"d3.org\")(NIL NIL NIL NIL)(NIL NIL \"solo\" \"d4.org\"))")
          .contains("((NIL NIL \"group\" NIL)(NIL NIL NIL NIL))");
    }
  }

  // ---- item 7: SEARCH FROM/TO/CC/BCC match the address as the envelope has it ----

  @Test
  void addressSearchesMatchTheEnvelopeAddressNamesAndGroups() throws Exception {
    try (Conversation c = login()) {
      append(c, "INBOX", null, crlf("From: <user-from (comment)@ (comment) domain.org>",
          "To: <user-to (x)@ (y) domain.org>", "Cc: user-cc @ domain.org (RealCc)",
          "Bcc: Real Bcc <user-bcc(c)@domain.org>", "", "one"));
      append(c, "INBOX", null, crlf("From: RealFrom <user-from@domain.org>", "To: team: user-to@domain.org;",
          "Cc: =?UTF-8?Q?J=C3=B6rg?= <joerg@domain.org>", "", "two"));
      append(c, "INBOX", null, crlf("From: other@domain.org", "To: nobody:;", "", "three"));
      c.send("s SELECT INBOX").until("s OK");
      assertThat(search(c, "FROM user-from@domain.org")).isEqualTo("* SEARCH 1 2");
      assertThat(search(c, "TO user-to@domain.org")).isEqualTo("* SEARCH 1 2");
      assertThat(search(c, "CC user-cc@domain.org")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "BCC user-bcc@domain.org")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "from \"ser-from@dom\"")).isEqualTo("* SEARCH 1 2");
      assertThat(search(c, "CC realcc")).isEqualTo("* SEARCH 1"); // a trailing comment names the address
      assertThat(search(c, "BCC \"real bcc\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "FROM realfrom")).isEqualTo("* SEARCH 2");
      assertThat(search(c, "CC \"jörg\"")).isEqualTo("* SEARCH 2"); // encoded words are decoded
      assertThat(search(c, "TO team")).isEqualTo("* SEARCH 2"); // group names
      assertThat(search(c, "TO nobody")).isEqualTo("* SEARCH 3");
      assertThat(search(c, "FROM comment")).isEqualTo("* SEARCH"); // comments inside an address are not part of it
      assertThat(search(c, "OR TO user-to@domain.org FROM other")).isEqualTo("* SEARCH 1 2 3");
      assertThat(search(c, "NOT CC domain.org")).isEqualTo("* SEARCH 3");
    }
  }

  // ---- item 5: a part of a multipart/digest without Content-Type is message/rfc822 ----

  private static final String DIGEST = crlf("From: list@example.test", "Subject: Digest", "MIME-Version: 1.0",
      "Content-Type: multipart/digest; boundary=\"d\"", "", "--d", "", "From: m1@example.test", "Subject: m1", "",
      "m1 body", "--d", "Content-Type: text/plain", "", "an explicit text part", "--d",
      "Content-Type: multipart/digest; boundary=\"inner\"", "", "--inner", "", "From: n1@example.test",
      "Subject: n1", "", "n1 body", "--inner--", "--d", "Content-Type: multipart/mixed; boundary=\"mixed\"", "",
      "--mixed", "", "plain default inside mixed", "--mixed--", "--d--");

  @Test
  void digestPartsWithoutContentTypeAreMessagesAtEveryDepth() throws Exception {
    try (Conversation c = login()) {
      append(c, "INBOX", null, DIGEST);
      c.send("s SELECT INBOX").until("s OK");
      String bs = response(c, "f", "FETCH 1 BODYSTRUCTURE");
      assertThat(bs).startsWith("* 1 FETCH (BODYSTRUCTURE ((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ")
          .contains("(NIL \"m1\" ((NIL NIL \"m1\" \"example.test\"))")
          .contains("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 21 1 NIL NIL NIL NIL)")
          // a digest inside the digest: its part is a message too
          .contains("((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ")
          .contains("(NIL \"n1\" ((NIL NIL \"n1\" \"example.test\"))")
          // but inside a multipart/mixed the default is text/plain again
          .contains("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 26 1 NIL NIL NIL NIL) \"MIXED\"")
          .contains("\"DIGEST\" (\"BOUNDARY\" \"d\")");
      String body = response(c, "g", "FETCH 1 BODY");
      assertThat(body).startsWith("* 1 FETCH (BODY ((\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" ");
      assertThat(response(c, "h", "FETCH 1 BODY.PEEK[1.HEADER]"))
          .contains("BODY[1.HEADER] {38}\r\nFrom: m1@example.test\r\nSubject: m1\r\n");
      assertThat(response(c, "i", "FETCH 1 BODY.PEEK[1.TEXT]")).contains("BODY[1.TEXT] {7}\r\nm1 body)");
      assertThat(response(c, "j", "FETCH 1 BODY.PEEK[1.MIME]")).contains("BODY[1.MIME] {2}\r\n");
      assertThat(response(c, "k", "FETCH 1 BODY.PEEK[1.1]")).contains("BODY[1.1] {7}\r\nm1 body)");
      assertThat(response(c, "l", "FETCH 1 BODY.PEEK[3.1.HEADER]"))
          .contains("BODY[3.1.HEADER] {38}\r\nFrom: n1@example.test\r\nSubject: n1\r\n");
      assertThat(response(c, "m", "FETCH 1 BODY.PEEK[4.1]")).contains("BODY[4.1] {26}\r\nplain default inside mixed)");
      c.send("n FETCH 1 BODY.PEEK[4.1.HEADER]").expect("n BAD"); // a text part has no HEADER
    }
  }

  // ---- item 6: FLAGS and PERMANENTFLAGS list the keywords in use ----

  @Test
  void flagsAndPermanentFlagsListKeywordsInUseBeforeAnyResponseShowsThem() throws Exception {
    try (Conversation c = login(); Conversation other = login()) {
      append(c, "INBOX", null, crlf("Subject: k", "", "x"));
      append(c, "INBOX", null, crlf("Subject: l", "", "y"));
      c.send("s SELECT INBOX").expect("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
      c.until("s OK");
      other.send("s SELECT INBOX").until("s OK");
      c.send("1 STORE 1 +FLAGS ($Hello)").expect("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello)");
      c.expect("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello \\*)]");
      c.expect("* 1 FETCH (FLAGS ($Hello");
      c.expect("1 OK");
      // keywords are case-insensitive: the folder's first spelling is kept, and nothing new is announced
      c.send("2 STORE 2 +FLAGS ($HELLO)").expect("* 2 FETCH (FLAGS ($Hello");
      c.expect("2 OK");
      // the other session learns of the keyword before the FETCH that shows it
      other.send("n NOOP").expect("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello)");
      other.expect("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello \\*)]");
      other.expect("* 1 FETCH (FLAGS ($Hello");
      other.until("n OK");
      // a keyword first seen on an appended message, fetched by a session that has the folder selected
      c.send("ap APPEND INBOX ($Work) {3+}").sendRaw("a\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send("").until("ap OK");
      c.send("ap2 NOOP").until("ap2 OK");
      List<String> fetch = c.send("3 FETCH 3 FLAGS").until("3 OK");
      assertThat(fetch.get(0)).isEqualTo("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello $Work)");
      assertThat(fetch.get(2)).startsWith("* 3 FETCH (FLAGS ($Work");
      // a keyword no message has any more stays listed; a new SELECT and EXAMINE list them all
      c.send("4 STORE 1:* -FLAGS.SILENT ($Hello)").expect("4 OK");
      List<String> examine = other.send("e EXAMINE INBOX").until("e OK");
      assertThat(examine).contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Hello $Work)",
          "* OK [PERMANENTFLAGS ()] Flags permitted");
      // SEARCH KEYWORD is case-insensitive too
      c.send("5 STORE 2 +FLAGS.SILENT ($work)").expect("5 OK");
      assertThat(search(c, "KEYWORD $WORK")).isEqualTo("* SEARCH 2 3");
      assertThat(search(c, "UNKEYWORD $work")).isEqualTo("* SEARCH 1");
    }
  }

  @Test
  void keywordsPerMailboxAreCappedWithNoLimit() throws Exception {
    try (Conversation c = login()) {
      append(c, "INBOX", null, crlf("Subject: k", "", "x"));
      c.send("s SELECT INBOX").until("s OK");
      int max = dev.fakemail.core.internal.mailbox.Folder.MAX_KEYWORDS;
      for (int batch = 0; batch < max / 200; batch++) {
        StringBuilder kw = new StringBuilder();
        for (int i = 0; i < 200; i++) {
          kw.append(kw.length() == 0 ? "" : " ").append("k").append(batch * 200 + i);
        }
        c.send("b" + batch + " STORE 1 +FLAGS.SILENT (" + kw + ")").expect("b" + batch + " OK");
      }
      c.send("1 STORE 1 +FLAGS (one-too-many)").expect("1 NO [LIMIT]");
      c.send("2 STORE 1 -FLAGS.SILENT (k0 k1)").expect("2 OK"); // removing is always fine
      c.send("3 STORE 1 +FLAGS.SILENT (K0 \\Seen)").expect("3 OK"); // a known keyword, any case
      c.send("4 APPEND INBOX (another) {1+}").sendRaw("x".getBytes(StandardCharsets.US_ASCII));
      c.send("").expect("4 NO [LIMIT]");
      c.send("5 CREATE Other").expect("5 OK");
      c.send("6 COPY 1 Other").expect("6 OK"); // another mailbox has room of its own
      List<String> select = c.send("7 SELECT INBOX").until("7 OK");
      assertThat(select).anyMatch(l -> l.startsWith("* OK [PERMANENTFLAGS (") && !l.contains("\\*"));
    }
  }

  // ---- item 8: names that are not modified UTF-7 get NO, not BAD ----

  @Test
  void mailboxNamesThatAreNotModifiedUtf7GetNoFromEveryCommand() throws Exception {
    try (Conversation c = select("INBOX")) {
      append(c, "INBOX", null, crlf("Subject: x", "", "x"));
      String bad = "\"!#$&'+,-.0123456789:;<=>?@^_`|[}\"";
      for (String cmd : List.of("CREATE " + bad, "DELETE " + bad, "RENAME INBOX " + bad, "RENAME " + bad + " x",
          "SUBSCRIBE " + bad, "UNSUBSCRIBE " + bad, "STATUS " + bad + " (MESSAGES)", "COPY 1 " + bad, "MOVE 1 &Jjo",
          "UID COPY 1 R&D")) {
        c.send("1 " + cmd).expect("1 NO [CANNOT] Mailbox name is not valid modified UTF-7");
      }
      c.send("2 APPEND &AOR- {1+}").sendRaw("x".getBytes(StandardCharsets.US_ASCII));
      c.send("").expect("2 NO [CANNOT]");
      // a LIST pattern that is not modified UTF-7 matches nothing and is no error
      assertThat(c.send("3 LIST \"\" " + bad.replace("\"", "") + "%*").until("3 ")).containsExactly("3 OK LIST completed");
      c.send("4 EXAMINE &-&").expect("4 NO [CANNOT]");
      c.send("5 SELECT ~foo").expect("5 NO"); // no such mailbox (and no literal8)
      c.send("6 NOOP").expect("6 OK"); // the session carries on, no BAD counted
    }
  }

  // ---- item 4: UTF-8 headers received over SMTPUTF8 read back unmangled ----

  private static final String SUBJECT = "Grüße aus Köln 日本";
  private static final String UTF8_MESSAGE = crlf("From: Jörg Müller <jörg@bücher.test>", "To: Zoë <zoë@example.test>",
      "Subject: " + SUBJECT, "Date: Mon, 2 Mar 2026 10:00:00 +0000", "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", "Schöne Grüße");

  private void deliverUtf8() throws Exception {
    try (Conversation smtp = Conversation.open(server.host(), server.smtpPort())) {
      smtp.expect("220");
      smtp.send("EHLO client.test").until("250 ");
      smtp.send("MAIL FROM:<jörg@bücher.test> SMTPUTF8").expect("250");
      smtp.send("RCPT TO:<" + BOB + ">").expect("250");
      smtp.send("DATA").expect("354");
      smtp.sendRaw((UTF8_MESSAGE + ".\r\n").getBytes(StandardCharsets.UTF_8));
      smtp.expect("250");
      smtp.send("QUIT").expect("221");
    }
    server.awaitMessages(MessageFilter.to(BOB), 1);
  }

  private static int octets(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void withoutEnableNonAsciiEnvelopeStringsAreLiteralsOfTheStoredOctets() throws Exception {
    deliverUtf8();
    try (Conversation c = login()) {
      assertThat(c.send("c CAPABILITY").expect("* CAPABILITY")).contains(" UTF8=ACCEPT");
      c.expect("c OK");
      c.send("s SELECT INBOX").until("s OK");
      String envelope = response(c, "f", "FETCH 1 ENVELOPE");
      assertThat(envelope).contains("\"Mon, 2 Mar 2026 10:00:00 +0000\" {" + octets(SUBJECT) + "}\r\n" + SUBJECT + " ")
          .contains("(({" + octets("Jörg Müller") + "}\r\nJörg Müller NIL {" + octets("jörg") + "}\r\njörg {"
              + octets("bücher.test") + "}\r\nbücher.test))")
          .contains("(({" + octets("Zoë") + "}\r\nZoë NIL {" + octets("zoë") + "}\r\nzoë \"example.test\"))");
      // the header section is sent exactly as stored, as before
      assertThat(response(c, "g", "FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]"))
          .contains("{" + octets("Subject: " + SUBJECT + "\r\n\r\n") + "}\r\nSubject: " + SUBJECT + "\r\n");
      // SEARCH with CHARSET UTF-8 finds raw UTF-8 subjects and addresses, in any case
      assertThat(search(c, "CHARSET UTF-8 SUBJECT {" + octets("grüße") + "+}\r\ngrüße")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 SUBJECT \"KÖLN 日本\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 FROM \"jörg@bücher.test\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 TO \"zoë\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 HEADER SUBJECT \"aus köln\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 TEXT \"schöne grüße\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "CHARSET UTF-8 SUBJECT \"grüsse\"")).isEqualTo("* SEARCH");
    }
  }

  @Test
  void aForwardedUtf8MessageHasItsEnvelopeInBodystructureAsLiteralsOrAfterEnableQuoted() throws Exception {
    String forward = crlf("From: fwd@example.test", "Subject: Fwd", "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"b\"", "", "--b", "Content-Type: text/plain", "", "see below",
        "--b", "Content-Type: message/rfc822", "", UTF8_MESSAGE.trim(), "--b--");
    try (Conversation c = login()) {
      append(c, "INBOX", null, forward);
      c.send("s SELECT INBOX").until("s OK");
      assertThat(response(c, "f", "FETCH 1 BODYSTRUCTURE"))
          .contains("\"Mon, 2 Mar 2026 10:00:00 +0000\" {" + octets(SUBJECT) + "}\r\n" + SUBJECT + " ")
          .contains("(({" + octets("Jörg Müller") + "}\r\nJörg Müller NIL {" + octets("jörg") + "}\r\njörg {");
      c.send("e ENABLE UTF8=ACCEPT").until("e OK");
      assertThat(response(c, "g", "FETCH 1 BODY")).contains("\"" + SUBJECT + "\" ((\"Jörg Müller\" NIL \"jörg\" \"bücher.test\"))");
      assertThat(search(c, "SUBJECT \"fwd\"")).isEqualTo("* SEARCH 1");
      assertThat(search(c, "SUBJECT \"köln\"")).isEqualTo("* SEARCH"); // the inner message's subject is not the message's
      assertThat(search(c, "BODY \"köln\"")).isEqualTo("* SEARCH 1"); // the body holds the whole inner message
    }
  }

  @Test
  void headerOctetsThatAreNotUtf8GoOutAsTheyWereStored() throws Exception {
    byte[] latin1 = "Subject: Caf\u00e9 x\r\nFrom: Ren\u00e9 <r@x.test>\r\n\r\nbody\r\n".getBytes(StandardCharsets.ISO_8859_1);
    try (Conversation c = login()) {
      c.send("ap APPEND INBOX {" + latin1.length + "+}").sendRaw(latin1);
      c.send("").until("ap OK");
      c.send("s SELECT INBOX").until("s OK");
      for (String tag : List.of("f", "g")) {
        c.send(tag + " FETCH 1 ENVELOPE");
        assertThat(c.line()).isEqualTo("* 1 FETCH (ENVELOPE (NIL {6}");
        assertThat(c.bytes(6)).containsExactly('C', 'a', 'f', 0xe9, ' ', 'x');
        assertThat(c.line()).isEqualTo(" (({4}");
        assertThat(c.bytes(4)).containsExactly('R', 'e', 'n', 0xe9);
        assertThat(c.line()).isEqualTo(" NIL \"r\" \"x.test\")) (({4}");
        c.until(tag + " OK");
        c.send("e ENABLE UTF8=ACCEPT").until("e OK"); // still literals: the octets are not UTF-8
      }
    }
  }

  @Test
  void enableUtf8AcceptSendsUtf8AsQuotedStringsAndMailboxNamesInUtf8() throws Exception {
    deliverUtf8();
    try (Conversation c = login()) {
      c.send("e ENABLE UTF8=ACCEPT CONDSTORE").expect("* ENABLED UTF8=ACCEPT");
      c.expect("e OK");
      c.send("e2 ENABLE UTF8=ACCEPT").expect("* ENABLED"); // already enabled: nothing newly enabled
      c.expect("e2 OK");
      c.send("s SELECT INBOX").until("s OK");
      assertThat(response(c, "f", "FETCH 1 ENVELOPE")).contains("(\"Mon, 2 Mar 2026 10:00:00 +0000\" \"" + SUBJECT
          + "\" ((\"Jörg Müller\" NIL \"jörg\" \"bücher.test\")) ((\"Jörg Müller\" NIL \"jörg\" \"bücher.test\")) "
          + "((\"Jörg Müller\" NIL \"jörg\" \"bücher.test\")) ((\"Zoë\" NIL \"zoë\" \"example.test\")) NIL NIL NIL NIL)");
      assertThat(search(c, "SUBJECT \"köln\"")).isEqualTo("* SEARCH 1");
      // mailbox names: UTF-8 in both directions, no modified UTF-7
      c.send("c CREATE \"Entwürfe/日本\"").expect("c OK");
      assertThat(c.send("l LIST \"\" \"Entwürfe*\"").until("l OK")).contains("* LIST (\\HasNoChildren) \"/\" \"Entwürfe/日本\"");
      c.send("t STATUS \"Entwürfe/日本\" (MESSAGES)").expect("* STATUS \"Entwürfe/日本\" (MESSAGES 0)");
      c.expect("t OK");
      // APPEND with the UTF8 data item (RFC 6855 §4) stores the octets as given
      byte[] msg = crlf("Subject: Ärger", "", "ö").getBytes(StandardCharsets.UTF_8);
      c.send("a APPEND \"Entwürfe/日本\" UTF8 (~{" + msg.length + "+}").sendRaw(msg);
      c.send(")").expect("a OK [APPENDUID");
      c.send("x EXAMINE \"Entwürfe/日本\"").until("x OK");
      assertThat(response(c, "y", "FETCH 1 (ENVELOPE RFC822.SIZE)")).contains("NIL \"Ärger\" NIL")
          .contains("RFC822.SIZE " + msg.length);
    }
    assertThat(ServerInternals.of(server).mailboxes().mailbox(BOB).folders()).extracting(f -> f.name()).contains("Entwürfe/日本");
  }
}
