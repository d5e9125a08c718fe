package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.FakeMailServer;
import dev.fakemail.core.Listener;
import dev.fakemail.core.support.Conversation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IMAP conversations for the listing rules and the extensions beyond RFC 3501: LSUB's \Noselect
 * superiors, LIST-EXTENDED, LIST-STATUS, SPECIAL-USE listing options, ESEARCH, SORT, MULTIAPPEND, BINARY.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImapExtensionsIT {
  private static final String BOB = "bob@example.test";
  private FakeMailServer server;

  @BeforeEach
  void start() {
    server = FakeMailServer.builder().listeners(Listener.IMAP).start();
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

  /** The untagged lines of a command's answer, without its completion. */
  private static List<String> answer(Conversation c, String tag, String command) throws Exception {
    List<String> lines = c.send(tag + " " + command).until(tag + " ");
    assertThat(lines.get(lines.size() - 1)).as(command).startsWith(tag + " OK");
    return lines.subList(0, lines.size() - 1);
  }

  private static void append(Conversation c, String tag, String folder, String message) throws Exception {
    byte[] b = message.getBytes(StandardCharsets.UTF_8);
    c.send(tag + " APPEND " + folder + " {" + b.length + "+}");
    c.sendRaw(b);
    c.send("");
    c.expect(tag + " OK [APPENDUID ");
  }

  private static String mail(String from, String to, String subject, String date, String body) {
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: " + date + "\r\n\r\n" + body + "\r\n";
  }

  @Test
  void capabilityAdvertisesTheExtensions() throws Exception {
    try (Conversation c = login()) {
      assertThat(answer(c, "1", "CAPABILITY").get(0)).contains(" LIST-EXTENDED ", " LIST-STATUS ", " ESEARCH ",
          " SORT ", " MULTIAPPEND ", " SPECIAL-USE ", " BINARY ");
    }
  }

  @Test
  void lsubListsAnUnsubscribedSuperiorAsNoselectForPercent() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE Lists/Work/Mine").expect("1 OK");
      c.send("2 CREATE Lists/Home").expect("2 OK");
      c.send("3 SUBSCRIBE Lists/Work/Mine").expect("3 OK");
      c.send("4 SUBSCRIBE Lists/Home").expect("4 OK");
      c.send("5 SUBSCRIBE Gone/Child").expect("5 OK"); // subscribed, never created
      // RFC 3501 §6.3.9: "foo/bar" subscribed, "foo" not: % returns foo with \Noselect
      assertThat(answer(c, "6", "LSUB \"\" Lists/%")).containsExactly(
          "* LSUB (\\HasNoChildren) \"/\" \"Lists/Home\"",
          "* LSUB (\\Noselect \\HasChildren) \"/\" \"Lists/Work\"");
      assertThat(answer(c, "7", "LSUB \"\" %")).contains(
          "* LSUB (\\Noselect \\HasChildren) \"/\" \"Lists\"", "* LSUB (\\Noselect) \"/\" \"Gone\"")
          .doesNotContain("* LSUB (\\HasNoChildren) \"/\" \"Lists/Home\"");
      // * reaches the subscribed names themselves: no superior is made up
      assertThat(answer(c, "8", "LSUB \"\" Lists/*")).containsExactly(
          "* LSUB (\\HasNoChildren) \"/\" \"Lists/Home\"",
          "* LSUB (\\HasNoChildren) \"/\" \"Lists/Work/Mine\"");
      // a subscribed superior is listed as itself, once
      c.send("9 SUBSCRIBE Lists/Work").expect("9 OK");
      assertThat(answer(c, "10", "LSUB \"\" Lists/%")).containsExactly(
          "* LSUB (\\HasNoChildren) \"/\" \"Lists/Home\"",
          "* LSUB (\\HasChildren) \"/\" \"Lists/Work\"");
      // with a reference, and %/% one level deeper
      assertThat(answer(c, "11", "LSUB Lists %/%")).containsExactly(
          "* LSUB (\\HasNoChildren) \"/\" \"Lists/Work/Mine\"");
      c.send("12 UNSUBSCRIBE Lists/Work/Mine").expect("12 OK");
      c.send("13 UNSUBSCRIBE Lists/Work").expect("13 OK");
      assertThat(answer(c, "14", "LSUB \"\" Lists/%")).containsExactly("* LSUB (\\HasNoChildren) \"/\" \"Lists/Home\"");
    }
  }

  @Test
  void listChildrenFlagsFollowCreateDeleteAndRename() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE a/b/c").expect("1 OK");
      c.send("2 CREATE a/b0").expect("2 OK");
      assertThat(answer(c, "3", "LIST \"\" a/%")).containsExactly(
          "* LIST (\\HasChildren) \"/\" \"a/b\"", "* LIST (\\HasNoChildren) \"/\" \"a/b0\"");
      assertThat(answer(c, "4", "LIST \"\" a/*")).containsExactly(
          "* LIST (\\HasChildren) \"/\" \"a/b\"", "* LIST (\\HasNoChildren) \"/\" \"a/b/c\"",
          "* LIST (\\HasNoChildren) \"/\" \"a/b0\"");
      assertThat(answer(c, "5", "LIST \"\" %/%/%")).containsExactly("* LIST (\\HasNoChildren) \"/\" \"a/b/c\"");
      assertThat(answer(c, "6", "LIST \"\" *b*")).containsExactly(
          "* LIST (\\HasChildren) \"/\" \"a/b\"", "* LIST (\\HasNoChildren) \"/\" \"a/b/c\"",
          "* LIST (\\HasNoChildren) \"/\" \"a/b0\"");
      c.send("7 DELETE a/b").expect("7 OK");
      assertThat(answer(c, "8", "LIST \"\" a/%")).containsExactly(
          "* LIST (\\Noselect \\HasChildren) \"/\" \"a/b\"", "* LIST (\\HasNoChildren) \"/\" \"a/b0\"");
      c.send("9 RENAME a/b/c x/y").expect("9 OK"); // the superior x is created
      assertThat(answer(c, "10", "LIST \"\" a/%")).containsExactly(
          "* LIST (\\Noselect \\HasNoChildren) \"/\" \"a/b\"", "* LIST (\\HasNoChildren) \"/\" \"a/b0\"");
      assertThat(answer(c, "11", "LIST \"\" x*")).containsExactly(
          "* LIST (\\HasChildren) \"/\" \"x\"", "* LIST (\\HasNoChildren) \"/\" \"x/y\"");
      assertThat(answer(c, "12", "LIST \"\" inbox")).containsExactly("* LIST (\\HasNoChildren) \"/\" INBOX");
    }
  }

  @Test
  void listExtendedSelectionAndReturnOptions() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE t/one").expect("1 OK");
      c.send("2 CREATE t/two/deep").expect("2 OK");
      c.send("3 SUBSCRIBE t/one").expect("3 OK");
      c.send("4 SUBSCRIBE t/two/deep").expect("4 OK");
      c.send("5 SUBSCRIBE t/gone").expect("5 OK");
      assertThat(answer(c, "6", "LIST (SUBSCRIBED) \"\" t/*")).containsExactly(
          "* LIST (\\NonExistent \\Subscribed) \"/\" \"t/gone\"",
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"t/one\"",
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"t/two/deep\"");
      assertThat(answer(c, "7", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" t/%")).containsExactly(
          "* LIST (\\NonExistent \\Subscribed) \"/\" \"t/gone\"",
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"t/one\"",
          "* LIST (\\HasChildren) \"/\" \"t/two\" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
      assertThat(answer(c, "8", "LIST \"\" (t/one t/two) RETURN (SUBSCRIBED CHILDREN)")).containsExactly(
          "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"t/one\"", "* LIST (\\HasChildren) \"/\" \"t/two\"");
      assertThat(answer(c, "9", "LIST (SPECIAL-USE) \"\" *")).containsExactly(
          "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"", "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"",
          "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"", "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"");
      assertThat(answer(c, "10", "LIST \"\" S% RETURN (SPECIAL-USE)"))
          .containsExactly("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"");
      c.send("11 LIST (RECURSIVEMATCH) \"\" *").expect("11 BAD");
      c.send("12 LIST (BOGUS) \"\" *").expect("12 BAD");
      c.send("13 LIST \"\" * RETURN (BOGUS)").expect("13 BAD");
      c.send("14 LIST \"\" * RETURN (STATUS (BOGUS))").expect("14 BAD");
      c.send("15 LIST \"\" (t/one").expect("15 BAD");
    }
  }

  @Test
  void listStatusAnswersStatusForEachSelectableFolderListed() throws Exception {
    try (Conversation c = login()) {
      c.send("1 CREATE p/q").expect("1 OK");
      append(c, "2", "p/q", mail("a@x.test", BOB, "s", "Mon, 2 Mar 2026 10:00:00 +0000", "x"));
      c.send("3 DELETE p").expect("3 OK"); // p stays \Noselect: no STATUS for it
      assertThat(answer(c, "4", "LIST \"\" p* RETURN (STATUS (MESSAGES UNSEEN UIDNEXT))")).containsExactly(
          "* LIST (\\Noselect \\HasChildren) \"/\" \"p\"",
          "* LIST (\\HasNoChildren) \"/\" \"p/q\"",
          "* STATUS \"p/q\" (MESSAGES 1 UNSEEN 1 UIDNEXT 2)");
      assertThat(answer(c, "5", "LIST \"\" INBOX RETURN (CHILDREN STATUS (MESSAGES))")).containsExactly(
          "* LIST (\\HasNoChildren) \"/\" INBOX", "* STATUS INBOX (MESSAGES 0)");
    }
  }

  @Test
  void esearchReturnsMinMaxAllCountBySequenceAndUid() throws Exception {
    try (Conversation c = login()) {
      for (int i = 1; i <= 6; i++) {
        append(c, "a" + i, "INBOX", mail("a@x.test", BOB, "m" + i, "Mon, 2 Mar 2026 10:00:00 +0000", "x"));
      }
      c.send("s SELECT INBOX").until("s OK");
      c.send("1 STORE 3 +FLAGS.SILENT (\\Deleted)").expect("1 OK");
      c.send("2 EXPUNGE").until("2 OK");
      c.send("3 STORE 2,4 +FLAGS.SILENT (\\Seen)").expect("3 OK");
      assertThat(answer(c, "4", "SEARCH RETURN (MIN MAX ALL COUNT) ALL"))
          .containsExactly("* ESEARCH (TAG \"4\") MIN 1 MAX 5 ALL 1:5 COUNT 5");
      assertThat(answer(c, "5", "SEARCH RETURN () ALL")).containsExactly("* ESEARCH (TAG \"5\") ALL 1:5");
      assertThat(answer(c, "6", "UID SEARCH RETURN (ALL) ALL")).containsExactly("* ESEARCH (TAG \"6\") UID ALL 1:2,4:6");
      assertThat(answer(c, "7", "UID SEARCH RETURN (MIN MAX COUNT) SEEN"))
          .containsExactly("* ESEARCH (TAG \"7\") UID MIN 2 MAX 5 COUNT 2");
      assertThat(answer(c, "8", "SEARCH RETURN (MIN MAX ALL COUNT) 1000")).containsExactly("* ESEARCH (TAG \"8\") COUNT 0");
      assertThat(answer(c, "9", "SEARCH RETURN (COUNT) CHARSET UTF-8 SUBJECT m"))
          .containsExactly("* ESEARCH (TAG \"9\") COUNT 5");
      assertThat(answer(c, "10", "SEARCH UNSEEN")).containsExactly("* SEARCH 1 3 5"); // plain SEARCH unchanged
      c.send("11 SEARCH RETURN (SAVE) ALL").expect("11 BAD");
      c.send("12 SEARCH RETURN (MIN ALL").expect("12 BAD");
    }
  }

  @Test
  void sortByEachCriterionReverseAndBaseSubject() throws Exception {
    try (Conversation c = login()) {
      append(c, "a1", "INBOX", mail("Zed <zed@x.test>", "b@y.test", "Re: [list] Fwd: hello (fwd)",
          "Tue, 3 Mar 2026 10:00:00 +0000", "a longer body than the others"));
      append(c, "a2", "INBOX", mail("amy@x.test", "c@y.test", "apple", "Mon, 2 Mar 2026 10:00:00 +0000", "x"));
      append(c, "a3", "INBOX", mail("Bo <bo@x.test>", "a@y.test", "[fwd: Banana]", "Mon, 2 Mar 2026 09:00:00 -0300", "xy"));
      c.send("s SELECT INBOX").until("s OK");
      assertThat(answer(c, "1", "SORT (ARRIVAL) UTF-8 ALL")).containsExactly("* SORT 1 2 3");
      assertThat(answer(c, "2", "SORT (REVERSE ARRIVAL) UTF-8 ALL")).containsExactly("* SORT 3 2 1");
      assertThat(answer(c, "3", "SORT (DATE) UTF-8 ALL")).containsExactly("* SORT 2 3 1"); // 09:00 -0300 is 12:00 UTC
      assertThat(answer(c, "4", "SORT (FROM) UTF-8 ALL")).containsExactly("* SORT 2 3 1"); // by mailbox: amy bo zed
      assertThat(answer(c, "5", "SORT (TO) UTF-8 ALL")).containsExactly("* SORT 3 1 2");
      assertThat(answer(c, "6", "SORT (SUBJECT) UTF-8 ALL")).containsExactly("* SORT 2 3 1"); // apple Banana hello
      assertThat(answer(c, "7", "SORT (SIZE) UTF-8 ALL")).containsExactly("* SORT 2 3 1");
      assertThat(answer(c, "8", "SORT (CC ARRIVAL) UTF-8 ALL")).containsExactly("* SORT 1 2 3"); // no Cc: ties
      assertThat(answer(c, "9", "UID SORT (REVERSE SUBJECT) UTF-8 NOT FROM amy")).containsExactly("* SORT 1 3");
      c.send("10 SORT (FROBNICATE) UTF-8 ALL").expect("10 BAD");
      c.send("11 SORT (SUBJECT) KOI8-R ALL").expect("11 NO [BADCHARSET");
      c.send("12 SORT (REVERSE) UTF-8 ALL").expect("12 BAD");
      c.send("13 SORT SUBJECT UTF-8 ALL").expect("13 BAD");
    }
  }

  @Test
  void baseSubjectRules() {
    assertThat(SortCommand.baseSubject("Re: [list] Fwd: hello (fwd)")).isEqualTo("hello");
    assertThat(SortCommand.baseSubject("[fwd: re: [fwd: babylon]]")).isEqualTo("babylon");
    assertThat(SortCommand.baseSubject("[xyz]")).isEqualTo("[xyz]");
    assertThat(SortCommand.baseSubject("  Re:  RE: re[2]: x  y  ")).isEqualTo("x y");
    assertThat(SortCommand.baseSubject("Ad: Re: x")).isEqualTo("Ad: Re: x");
    assertThat(SortCommand.firstMailbox("team: a@b.test, c@d.test;")).isEqualTo("team");
    assertThat(SortCommand.firstMailbox("Someone <Some.One@b.test>, x@y")).isEqualTo("Some.One");
  }

  @Test
  void multiappendStoresEveryMessageOrNone() throws Exception {
    try (Conversation c = login()) {
      c.send("1 APPEND INBOX (\\Seen) {5+}");
      c.sendRaw("one\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send(" \"02-Mar-2026 10:00:00 +0000\" {5+}");
      c.sendRaw("two\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send(" {7+}");
      c.sendRaw("three\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send("");
      String ok = c.expect("1 OK [APPENDUID ");
      assertThat(ok).matches("1 OK \\[APPENDUID \\d+ 1:3] APPEND completed");
      c.send("2 APPEND INBOX {6+}");
      c.sendRaw("four\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send(" (\\Bogus) {6+}"); // the second is wrong: none is stored
      c.sendRaw("five\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send("");
      c.expect("2 BAD");
      c.send("3 APPEND Nowhere {6+}");
      c.sendRaw("four\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send(" {6+}");
      c.sendRaw("five\r\n".getBytes(StandardCharsets.US_ASCII));
      c.send("");
      c.expect("3 NO [TRYCREATE]");
      assertThat(answer(c, "4", "STATUS INBOX (MESSAGES UNSEEN)")).containsExactly("* STATUS INBOX (MESSAGES 3 UNSEEN 2)");
      c.send("5 SELECT INBOX").until("5 OK");
      assertThat(answer(c, "6", "FETCH 1:3 (INTERNALDATE BODY.PEEK[TEXT])").toString()).contains("02-Mar-2026 10:00:00 +0000");
    }
  }

  @Test
  void binaryFetchUndoesTheTransferEncodingOfEachPart() throws Exception {
    String message = "From: a@x.test\r\nSubject: parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        + "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n"
        + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC/w==\r\n"
        + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9 =\r\nsoft  \r\n"
        + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n"
        + "--b--\r\n";
    try (Conversation c = login()) {
      append(c, "a", "INBOX", message);
      c.send("s SELECT INBOX").until("s OK");
      assertThat(answer(c, "1", "FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2] BINARY.SIZE[3])"))
          .containsExactly("* 1 FETCH (BINARY.SIZE[1] 5 BINARY.SIZE[2] 4 BINARY.SIZE[3] 10)");
      c.send("2 FETCH 1 (BINARY.PEEK[2])").expect("* 1 FETCH (BINARY[2] ~{4}"); // a NUL: literal8
      assertThat(c.bytes(4)).containsExactly(0, 1, 2, 0xff);
      c.expect(")");
      c.expect("2 OK");
      c.send("3 FETCH 1 (BINARY.PEEK[3])").expect("* 1 FETCH (BINARY[3] {10}"); // soft break joined, padding gone
      assertThat(new String(c.bytes(10), StandardCharsets.UTF_8)).isEqualTo("café soft");
      c.expect(")");
      c.expect("3 OK");
      c.send("4 FETCH 1 (BINARY.PEEK[3]<1.3>)").expect("* 1 FETCH (BINARY[3]<1> {3}");
      assertThat(c.bytes(3)).containsExactly('a', 'f', 0xc3); // octets of the decoded part, cut mid-character
      c.expect(")");
      c.expect("4 OK");
      assertThat(answer(c, "5", "FETCH 1 (FLAGS)").get(0)).doesNotContain("\\Seen");
      c.send("6 FETCH 1 (BINARY[1])").expect("* 1 FETCH (BINARY[1] {5}"); // not PEEK: sets \Seen
      assertThat(c.line()).startsWith("plain FLAGS (\\Seen");
      c.expect("6 OK");
      c.send("7 FETCH 1 (BINARY.PEEK[4])").expect("7 NO [UNKNOWN-CTE]");
      c.send("8 FETCH 1 (BINARY.PEEK[1.MIME])").expect("8 BAD");
      c.send("9 FETCH 1 (BINARY.SIZE[1]<0.2>)").expect("9 BAD");
      assertThat(answer(c, "10", "FETCH 1 (BINARY.SIZE[])").get(0)).matches("\\* 1 FETCH \\(BINARY.SIZE\\[] \\d+\\)");
    }
  }

  @Test
  void appendOfALiteral8StoresBinaryPartsAsBase64() throws Exception {
    byte[] head = ("From: a@x.test\r\nMessage-ID: <bin@x.test>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = {0, '-', (byte) 0xff, '\r', '\n'};
    byte[] message = new byte[head.length + body.length];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(body, 0, message, head.length, body.length);
    try (Conversation c = login()) {
      c.send("1 APPEND INBOX ~{" + message.length + "+}");
      c.sendRaw(message);
      c.send("");
      c.expect("1 OK [APPENDUID");
      c.send("s SELECT INBOX").until("s OK");
      List<String> stored = c.send("2 FETCH 1 (BODY.PEEK[])").until("2 OK");
      assertThat(String.join("\n", stored)).contains("Content-Transfer-Encoding: base64", "Message-ID: <bin@x.test>", "AC3/DQo=")
          .doesNotContain("\u0000").doesNotContain("Date:");
      c.send("3 FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])").expect("* 1 FETCH (BINARY.SIZE[1] 5 BINARY[1] ~{5}");
      assertThat(c.bytes(5)).containsExactly(body);
      c.expect(")");
      c.expect("3 OK");
    }
  }
}
