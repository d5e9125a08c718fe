package dev.fakemail.core.internal.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fakemail.core.Fault;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FETCH and UID FETCH through a fake exchange: items, sections, partials, BINARY, \Seen, errors. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FetchCommandTest {
  private static final String RAW = "From: Alice <alice@app.test>\r\nTo: bob@x.test\r\nSubject: Hello\r\n"
      + "Message-ID: <m1@app.test>\r\n\r\nfirst line\r\nsecond line\r\n";
  private static final String HEADER = "From: Alice <alice@app.test>\r\nTo: bob@x.test\r\nSubject: Hello\r\n"
      + "Message-ID: <m1@app.test>\r\n\r\n";
  private static final String MULTIPART = "From: a@app.test\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
      + "Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nplain part\r\n"
      + "--XX\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--XX--\r\n";
  private final FakeImapSession imap = new FakeImapSession();

  private boolean seen(int seq) {
    return imap.session.selected().at(seq).hasFlag("\\Seen");
  }

  @Test
  void fetchFlagsUidSizeAndInternalDate() {
    imap.append(RAW).select();
    FakeImapSession.Response r = imap.run("f FETCH 1 (FLAGS UID RFC822.SIZE INTERNALDATE)");
    assertThat(r.completion()).isEqualTo("f OK FETCH completed");
    assertThat(r.untagged()).startsWith("* 1 FETCH (FLAGS (\\Recent) UID 1 RFC822.SIZE " + RAW.length() + " INTERNALDATE \"")
        .endsWith(")\r\n");
  }

  @Test
  void uidFetchAddsTheUidAndSaysUidFetch() {
    imap.append(RAW).append(RAW).select();
    FakeImapSession.Response r = imap.run("f UID FETCH 2 FLAGS");
    assertThat(r.untagged()).isEqualTo("* 2 FETCH (UID 2 FLAGS (\\Recent))\r\n");
    assertThat(r.completion()).isEqualTo("f OK UID FETCH completed");
  }

  @Test
  void macrosExpand() {
    imap.append(RAW).select();
    assertThat(imap.run("f FETCH 1 FAST").untagged()).contains("FLAGS", "INTERNALDATE", "RFC822.SIZE").doesNotContain("ENVELOPE");
    assertThat(imap.run("g FETCH 1 ALL").untagged()).contains("ENVELOPE (").doesNotContain("BODY ");
    assertThat(imap.run("h FETCH 1 FULL").untagged()).contains("ENVELOPE (", "BODY (");
  }

  @Test
  void envelopeAndBodyStructure() {
    imap.append(RAW).select();
    FakeImapSession.Response r = imap.run("f FETCH 1 (ENVELOPE BODYSTRUCTURE)").ok();
    assertThat(r.untagged()).contains("ENVELOPE (NIL \"Hello\" ((\"Alice\" NIL \"alice\" \"app.test\"))")
        .contains("BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" 25 2");
  }

  @Test
  void bodyPeekLeavesSeenAndBodySetsIt() {
    imap.append(RAW).select();
    FakeImapSession.Response r = imap.run("f FETCH 1 BODY.PEEK[]").ok();
    assertThat(r.untagged()).isEqualTo("* 1 FETCH (BODY[] {" + RAW.length() + "}\r\n" + RAW + ")\r\n");
    assertThat(seen(1)).isFalse();
    assertThat(imap.run("g FETCH 1 BODY[TEXT]").ok().untagged())
        .isEqualTo("* 1 FETCH (BODY[TEXT] {25}\r\nfirst line\r\nsecond line\r\n FLAGS (\\Seen \\Recent))\r\n");
    assertThat(seen(1)).isTrue();
  }

  @Test
  void headerSectionsAndFieldLists() {
    imap.append(RAW).select();
    assertThat(imap.run("f FETCH 1 BODY.PEEK[HEADER]").untagged()).contains("BODY[HEADER] {" + HEADER.length() + "}\r\n" + HEADER);
    assertThat(imap.run("g FETCH 1 BODY.PEEK[HEADER.FIELDS (subject TO)]").untagged())
        .isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (subject TO)] {34}\r\nTo: bob@x.test\r\nSubject: Hello\r\n\r\n)\r\n");
    assertThat(imap.run("h FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (From Message-ID)]").untagged())
        .contains("{34}\r\nTo: bob@x.test\r\nSubject: Hello\r\n\r\n)");
    assertThat(imap.run("i FETCH 1 (RFC822.HEADER)").untagged()).contains("RFC822.HEADER {" + HEADER.length() + "}");
  }

  @Test
  void partialFetchesCutTheOctetsAndSayWhere() {
    imap.append(RAW).select();
    assertThat(imap.run("f FETCH 1 BODY.PEEK[TEXT]<6.4>").untagged()).isEqualTo("* 1 FETCH (BODY[TEXT]<6> {4}\r\nline)\r\n");
    assertThat(imap.run("g FETCH 1 BODY.PEEK[TEXT]<100.4>").untagged()).isEqualTo("* 1 FETCH (BODY[TEXT]<100> {0}\r\n)\r\n");
  }

  @Test
  void partNumbersAndMime() {
    imap.append(MULTIPART).select();
    assertThat(imap.run("f FETCH 1 BODY.PEEK[1]").untagged()).isEqualTo("* 1 FETCH (BODY[1] {10}\r\nplain part)\r\n");
    assertThat(imap.run("g FETCH 1 BODY.PEEK[2.MIME]").untagged())
        .contains("BODY[2.MIME] {", "Content-Transfer-Encoding: base64\r\n\r\n)");
    assertThat(imap.run("h FETCH 1 BODY.PEEK[3]").untagged()).isEqualTo("* 1 FETCH (BODY[3] {0}\r\n)\r\n");
  }

  @Test
  void binaryDecodesThePartAndBinarySizeCountsIt() {
    imap.append(MULTIPART).select();
    assertThat(imap.run("f FETCH 1 BINARY.PEEK[2]").untagged()).isEqualTo("* 1 FETCH (BINARY[2] ~{4}\r\n\0\1\2\3)\r\n");
    assertThat(imap.run("g FETCH 1 BINARY.SIZE[2]").untagged()).isEqualTo("* 1 FETCH (BINARY.SIZE[2] 4)\r\n");
    assertThat(imap.run("h FETCH 1 BINARY.PEEK[1]<0.5>").untagged()).isEqualTo("* 1 FETCH (BINARY[1]<0> {5}\r\nplain)\r\n");
  }

  @Test
  void badItemsAndSectionsAreBad() {
    imap.append(MULTIPART).select();
    assertThat(imap.complete("a FETCH 1 (FLAGS BOGUS)")).isEqualTo("a BAD Unknown fetch item BOGUS");
    assertThat(imap.complete("b FETCH 1 BODY[]<5>")).startsWith("b BAD Bad partial <5>");
    assertThat(imap.complete("c FETCH 1 BODY[NONSENSE]")).isEqualTo("c BAD Unknown section NONSENSE");
    assertThat(imap.complete("d FETCH 1 BODY[0]")).isEqualTo("d BAD Part numbers start at 1");
    assertThat(imap.complete("e FETCH 1 BINARY[TEXT]")).isEqualTo("e BAD BINARY takes a part number, not [TEXT]");
    assertThat(imap.complete("f FETCH 1 BINARY.SIZE[1]<0.1>")).isEqualTo("f BAD BINARY.SIZE takes no partial range");
    assertThat(imap.complete("g FETCH 1 BODY[HEADER.FIELDS]")).isEqualTo("g BAD Syntax: HEADER.FIELDS (name ...)");
    assertThat(imap.complete("h FETCH 1 BODY[1.TEXT]")).isEqualTo("h BAD Section TEXT needs a message/rfc822 part");
    assertThat(imap.complete("i FETCH 1 ()")).isEqualTo("i BAD Empty fetch list");
    assertThat(imap.complete("j FETCH 1 (FLAGS")).isEqualTo("j BAD Unterminated fetch list");
    assertThat(imap.complete("k FETCH * BOGUS[")).startsWith("k BAD Unknown fetch item BOGUS[");
  }

  @Test
  void anInvalidSectionIsBadWhenParsedEvenIfNoMessageMatches() {
    imap.select();
    assertThat(imap.complete("a FETCH 1:* BODY[NONSENSE]")).isEqualTo("a BAD Unknown section NONSENSE");
    assertThat(imap.complete("b UID FETCH 5 BODY.PEEK[2.0]")).isEqualTo("b BAD Part numbers start at 1");
    assertThat(imap.complete("c FETCH 1:* BODY[MIME]")).isEqualTo("c BAD Unknown section MIME");
  }

  @Test
  void examineFetchesWithoutSettingSeen() {
    imap.append(RAW).login();
    imap.run("e EXAMINE INBOX").ok();
    imap.run("f FETCH 1 BODY[]").ok();
    assertThat(seen(1)).isFalse();
  }

  @Test
  void aFetchFaultRuleAnswersInsteadOfTheData() {
    imap.append(RAW).select();
    imap.faults.add(Fault.at(Fault.Stage.FETCH).reply("550 5.0.0 broken").build());
    FakeImapSession.Response r = imap.run("f FETCH 1 BODY[]");
    assertThat(r.completion()).isEqualTo("f NO [SERVERBUG] broken");
    assertThat(r.untagged()).isEmpty();
  }
}
